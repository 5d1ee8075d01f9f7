package dev.freeport.platform.linux;

import dev.freeport.core.Host;
import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.platform.unix.BackgroundLibC;
import dev.freeport.platform.unix.KillTerminator;
import dev.freeport.platform.unix.Signals;
import dev.freeport.platform.unix.UnixKill;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Linux: /proc for discovery, start-time-checked kill(2) for signals, systemd units from the cgroup. */
public final class LinuxHost implements Host {
  private final LinuxSocketTable sockets;
  private final LinuxProcessInspector processes;
  private final BackgroundLibC libc = new BackgroundLibC();
  private final boolean root;

  public LinuxHost(Path procRoot) {
    ProcFiles proc = new ProcFiles(procRoot);
    int uid = proc.read("self", "status").map(LinuxHost::effectiveUid).orElse(-1);
    this.root = uid == 0;
    this.sockets = new LinuxSocketTable(procRoot, uid);
    this.processes = new LinuxProcessInspector(procRoot);
  }

  /** The effective uid from /proc/self/status ("Uid:\treal\teffective\tsaved\tfs"). */
  static int effectiveUid(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).trim().split("\\s+");
        return Integer.parseInt(f.length > 1 ? f[1] : f[0]);
      }
    }
    return -1;
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
  public Terminator openTerminator(GracefulSignal graceful) {
    return new KillTerminator(new UnixKill(libc, processes::isRunning), Signals.LINUX, graceful, processes::isRunning,
        processes::mayBeStopped);
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("systemd", "init", "kthreadd");
  }

  /** A holder in a systemd service is restarted by systemd: say how to stop the unit. */
  @Override
  public Optional<Advice> advice(ProcessInfo holder, int port) {
    return processes.cgroup(holder.pid())
        .flatMap(SystemdUnits::fromCgroup)
        .map(u -> new Advice("it runs as the systemd " + (u.user() ? "user " : "") + "service " + u.name()
            + ", which may restart it", u.stopCommand()));
  }

  /** A holder in a systemd service is restarted by systemd when its unit says so. */
  @Override
  public Optional<String> supervisor(ProcessInfo holder) {
    return processes.cgroup(holder.pid()).flatMap(SystemdUnits::fromCgroup).map(u -> "systemd (" + u.name() + ")");
  }

  @Override
  public Optional<Advice> whyUnbindable(Endpoint e, int timeWait) {
    if (timeWait > 0) {
      return Optional.of(new Advice(
          "nothing listens on it, yet binding " + e.hostPort() + " fails, even with SO_REUSEADDR: " + timeWait
              + " connection(s) in TIME_WAIT, closed by a socket without SO_REUSEADDR, keep it",
          "wait up to a minute for them to expire, or choose another port"));
    }
    return Optional.of(new Advice(
        "nothing in this network namespace's socket tables holds it, yet binding " + e.hostPort() + " fails",
        "a process in another network namespace, a container runtime or the kernel may hold it;"
            + " look with ss -tanp and in the containers, or choose another port"));
  }

  @Override
  public String privilegeHint() {
    List<Long> blind = sockets.unreadable();
    if (!root) {
      return "re-run with sudo to see and stop other users' processes";
    }
    String some = blind.stream().limit(3).map(pid -> "PID " + pid + processes.describe(pid).map(p -> " " + p.name()).orElse(""))
        .collect(Collectors.joining(", "));
    return blind.isEmpty()
        ? "even root cannot see its owner: it may belong to another PID namespace (a container)"
        : "even as root, the descriptors of " + blind.size() + " process(es) could not be read (" + some
            + (blind.size() > 3 ? ", ..." : "") + "): the owner may be one of them, or in another PID namespace";
  }
}
