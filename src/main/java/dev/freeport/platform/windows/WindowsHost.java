package dev.freeport.platform.windows;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.Signaller;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.platform.oshi.OshiProcessInspector;
import dev.freeport.platform.oshi.OshiSocketTable;
import dev.freeport.platform.windows.jna.JnaWindowsNative;
import dev.freeport.platform.windows.jna.JnaWindowsServices;
import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;
import java.util.Set;
import oshi.software.os.OperatingSystem;

/** Windows: OSHI (IP Helper tables) for discovery; WM_CLOSE or console Ctrl+C, then TerminateProcess. */
public final class WindowsHost implements Host, Signaller, HostAdvisor {
  private final OshiSocketTable sockets;
  private final OshiProcessInspector processes;
  private final WindowsAdvisor advisor;

  /** @param commands runs {@code netsh} when a case needs it */
  public WindowsHost(OperatingSystem os, CommandRunner commands) {
    this(os, new WindowsAdvisor(new JnaWindowsServices(), commands));
  }

  WindowsHost(OperatingSystem os, WindowsAdvisor advisor) {
    this.sockets = new OshiSocketTable(os);
    this.processes = new OshiProcessInspector(os);
    this.advisor = advisor;
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
    return new WindowsTerminator(new JnaWindowsNative(), graceful);
  }

  /** TERM: a window close, else Ctrl+C; INT and ctrl-c: Ctrl+C only; close: windows only. */
  @Override
  public Set<GracefulSignal> gracefulSignals() {
    return java.util.EnumSet.of(GracefulSignal.TERM, GracefulSignal.INT, GracefulSignal.CLOSE, GracefulSignal.CTRL_C,
        GracefulSignal.CTRL_BREAK);
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("System", "Idle", "Registry", "smss", "csrss", "wininit", "winlogon", "services",
        "lsass", "svchost", "MemCompression");
  }

  @Override
  public Optional<Advice> advice(ProcessInfo holder, int port) {
    return advisor.advice(holder, port);
  }

  @Override
  public Optional<String> refusal(ProcessInfo holder) {
    return advisor.refusal(holder);
  }

  @Override
  public Optional<Advice> whyUnbindable(Endpoint endpoint, int timeWait) {
    return advisor.whyUnbindable(endpoint, timeWait);
  }

  @Override
  public String privilegeHint() {
    return "re-run from an elevated prompt (Run as administrator)";
  }
}
