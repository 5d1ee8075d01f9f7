package dev.freeport.platform.linux;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.Signaller;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.platform.unix.BackgroundLibC;
import dev.freeport.platform.unix.KillTerminator;
import dev.freeport.platform.unix.Signals;
import dev.freeport.platform.unix.UnixKill;
import dev.freeport.core.model.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Linux: /proc for discovery, start-time-checked kill(2) for signals, systemd units from the cgroup. */
public final class LinuxHost implements Host, Signaller, HostAdvisor {
  private final LinuxSocketTable sockets;
  private final LinuxProcessInspector processes;
  private final BackgroundLibC libc = new BackgroundLibC();
  private final boolean root;
  private final ProcFiles proc;

  public LinuxHost(Path procRoot) {
    this(procRoot, null);
  }

  /** @param natives the native calls that find bound sockets; null for JNA's, loaded on first need */
  LinuxHost(Path procRoot, java.util.concurrent.Callable<LinuxSyscalls> natives) {
    this.proc = new ProcFiles(procRoot);
    Optional<String> status = proc.read("self", "status");
    int uid = status.isPresent() ? effectiveUid(status.get()) : -1;
    this.root = uid == 0;
    this.sockets = new LinuxSocketTable(procRoot, uid, natives);
    this.processes = new LinuxProcessInspector(procRoot);
  }

  /** The effective uid from /proc/self/status ("Uid:\treal\teffective\tsaved\tfs"). */
  static int effectiveUid(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("Uid:")) {
        String[] f = ProcFiles.words(line.substring(4).trim());
        return Integer.parseInt(f.length > 1 ? f[1] : f[0]);
      }
    }
    return -1;
  }

  /** From /proc/self: the JDK's ProcessHandle.current() would start up ProcessHandleImpl, lambdas included. */
  @Override
  public long self() {
    Optional<String> link = proc.link("self");
    if (link.isPresent()) {
      try {
        return Long.parseLong(link.get());
      } catch (NumberFormatException e) {
        // not a procfs /proc: ask the JDK
      }
    }
    return Host.super.self();
  }

  @Override
  public SocketTable sockets() {
    return sockets;
  }

  @Override
  public ProcessInspector processes() {
    return processes;
  }

  @Override
  public Signaller signaller() {
    return this;
  }

  @Override
  public HostAdvisor advisor() {
    return this;
  }

  @Override
  public Terminator openTerminator(GracefulSignal graceful) {
    return new KillTerminator(new UnixKill(libc), Signals.LINUX, graceful, processes);
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("systemd", "init", "kthreadd");
  }

  /** A holder in a systemd service is restarted by systemd: say how to stop the unit. */
  @Override
  public Optional<Advice> advice(ProcessInfo holder, int port) {
    Optional<SystemdUnits.Unit> unit = unit(holder);
    if (unit.isEmpty()) {
      return Optional.empty();
    }
    SystemdUnits.Unit u = unit.get();
    return Optional.of(new Advice("it runs as the systemd " + (u.user() ? "user " : "") + "service " + u.name()
        + ", which may restart it", u.stopCommand()));
  }

  /** A holder in a systemd service is restarted by systemd when its unit says so. */
  @Override
  public Optional<String> supervisor(ProcessInfo holder) {
    Optional<SystemdUnits.Unit> unit = unit(holder);
    return unit.isPresent() ? Optional.of("systemd (" + unit.get().name() + ")") : Optional.empty();
  }

  /** The systemd service the process runs in, from its cgroup. */
  private Optional<SystemdUnits.Unit> unit(ProcessInfo holder) {
    Optional<String> cgroup = processes.cgroup(holder.pid());
    return cgroup.isPresent() ? SystemdUnits.fromCgroup(cgroup.get()) : Optional.empty();
  }

  @Override
  public Optional<Advice> whyUnbindable(Endpoint e, int timeWait) {
    if (timeWait > 0) {
      return Optional.of(new Advice(
          "nothing listens on it, yet binding " + e.hostPort() + " fails, even with SO_REUSEADDR: " + timeWait
              + " connection(s) in TIME_WAIT, closed by a socket without SO_REUSEADDR, keep it",
          "wait up to a minute for them to expire, or choose another port"));
    }
    if (e.protocol() != Protocol.TCP) {
      return Optional.of(new Advice("binding " + e.hostPort() + " fails, yet freeport found nothing holding it; searched:"
          + " this network namespace's socket tables (/proc/net/udp, udp6); not searched: other network namespaces",
          "choose another port"));
    }
    return Optional.of(unfound(e, sockets.boundSearch(e.port())));
  }

  /**
   * Binding a TCP endpoint fails and no holder was found: what was searched, what was not, and
   * what the user can do. Never a guess at who holds it.
   */
  Advice unfound(Endpoint e, BoundSockets.Search s) {
    for (SockDiag.Bound b : s.sockets()) {
      if (b.local().port() == e.port()) { // found since the survey: its holder is looked for on the next run
        return new Advice("a TCP socket bound to " + b.local().hostPort() + " without listening holds it",
            "run freeport " + e.port() + " again to see which process holds it");
      }
    }
    StringBuilder why = new StringBuilder("binding ").append(e.hostPort()).append(" fails, yet freeport found nothing")
        .append(" holding it; searched: this network namespace's socket tables (/proc/net/tcp, tcp6)");
    List<String> not = new ArrayList<>();
    List<Long> blind = List.of();
    switch (s.method()) {
      case SOCK_DIAG -> why.append(", and every TCP socket bound without listening (sock_diag)");
      case DESCRIPTORS -> {
        why.append(", and the sockets of ").append(s.processes())
            .append(" process(es), one by one, for TCP sockets bound without listening, since ").append(s.why());
        blind = s.notSearched();
      }
      default -> not.add("TCP sockets bound without listening (" + s.why() + ")");
    }
    if (!blind.isEmpty()) {
      not.add("the sockets of " + blind.size() + " process(es) freeport may not read or copy (" + firstThree(blind)
          + (blind.size() > 3 ? ", ..." : "") + ")");
    }
    not.add("other network namespaces");
    why.append("; not searched: ").append(String.join(", ", not));
    return new Advice(why.toString(), !root && !blind.isEmpty()
        ? "re-run with sudo to read every process, or choose another port" : "choose another port");
  }

  @Override
  public String privilegeHint() {
    List<Long> blind = sockets.unreadable();
    if (!root) {
      return "re-run with sudo to see and stop other users' processes";
    }
    return blind.isEmpty()
        ? "even root cannot see its owner: it may belong to another PID namespace (a container)"
        : "even as root, the descriptors of " + blind.size() + " process(es) could not be read (" + firstThree(blind)
            + (blind.size() > 3 ? ", ..." : "") + "): the owner may be one of them, or in another PID namespace";
  }

  /** "PID 12 name, PID 34, ..." for at most the first three pids (no name for one that has exited). */
  private String firstThree(List<Long> pids) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pids.size() && i < 3; i++) {
      long pid = pids.get(i);
      Optional<ProcessInfo> p = processes.describe(pid);
      b.append(i == 0 ? "" : ", ").append("PID ").append(pid).append(p.isPresent() ? " " + p.get().name() : "");
    }
    return b.toString();
  }
}
