package dev.freeport.platform.mac;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.Signaller;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.platform.mac.jna.JnaLibProc;
import dev.freeport.platform.oshi.OshiProcessInspector;
import dev.freeport.platform.unix.BackgroundLibC;
import dev.freeport.platform.unix.KillTerminator;
import dev.freeport.platform.unix.UnixKill;
import dev.freeport.platform.unix.Signals;
import java.util.Optional;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.model.ProcessInfo;
import java.util.Set;
import oshi.software.os.OperatingSystem;

/**
 * macOS: sockets through freeport's own libproc walk, processes through OSHI, start-time-checked
 * kill(2) for signals.
 */
public final class MacHost implements Host, Signaller, HostAdvisor {
  private final MacSocketTable sockets;
  private final OshiProcessInspector processes;
  private final BackgroundLibC libc = new BackgroundLibC();

  public MacHost(OperatingSystem os) {
    this(os, new JnaLibProc());
  }

  MacHost(OperatingSystem os, LibProc libproc) {
    this.sockets = new MacSocketTable(libproc);
    this.processes = new OshiProcessInspector(os);
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
  public void prepareToStop() {
    libc.prepare();
  }

  @Override
  public Terminator openTerminator(GracefulSignal graceful) {
    return new KillTerminator(new UnixKill(libc), Signals.BSD, graceful, processes);
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("launchd", "kernel_task", "WindowServer", "loginwindow");
  }

  /** With SO_REUSEADDR a wildcard bind succeeds beside another user's loopback listener. */
  @Override
  public BindSemantics bindSemantics() {
    return BindSemantics.SPECIFIC_MAY_HIDE;
  }

  @Override
  public Optional<Advice> advice(ProcessInfo holder, int port) {
    return MacAdvice.of(holder, port);
  }

  @Override
  public Optional<String> refusal(ProcessInfo holder) {
    return MacAdvice.refusal(holder);
  }

  @Override
  public String privilegeHint() {
    return "re-run with sudo: macOS shows other users' sockets only to root";
  }
}
