package dev.freeport.platform.linux;

import dev.freeport.core.Host;
import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.platform.unix.BackgroundLibC;
import java.nio.file.Path;
import java.util.Set;

/** Linux: /proc for discovery, pidfds for signals. */
public final class LinuxHost implements Host {
  private final LinuxSocketTable sockets;
  private final LinuxProcessInspector processes;
  private final BackgroundLibC libc = new BackgroundLibC();
  private final Path procRoot;

  public LinuxHost(Path procRoot) {
    this.procRoot = procRoot;
    this.sockets = new LinuxSocketTable(procRoot);
    this.processes = new LinuxProcessInspector(procRoot);
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
  public void prepareToStop() {
    libc.prepare();
  }

  @Override
  public Terminator openTerminator() {
    return new LinuxTerminator(libc.get(), processes);
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("systemd", "init", "kthreadd");
  }

  @Override
  public String privilegeHint() {
    boolean root = new ProcFiles(procRoot).read("self", "status")
        .map(st -> st.contains("\nUid:\t0\t0\t")).orElse(false);
    return root
        ? "even root cannot see it: it may belong to another PID namespace (a container)"
        : "re-run with sudo to see and stop other users' processes";
  }
}
