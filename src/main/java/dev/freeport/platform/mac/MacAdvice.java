package dev.freeport.platform.mac;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;

/** macOS: a holder started by launchd may be a KeepAlive job that launchd restarts. */
public final class MacAdvice {
  private MacAdvice() {}

  public static Optional<Advice> of(ProcessInfo p, int port) {
    if (p.parentPid() != 1) {
      return Optional.empty();
    }
    return Optional.of(new Advice(
        "launchd started " + p.name() + " (PID " + p.pid() + "); if it is a KeepAlive job, launchd restarts it",
        "launchctl list | grep -i " + p.name() + " finds its label; launchctl bootout gui/$(id -u)/LABEL"
            + " (or system/LABEL with sudo) stops it for good"));
  }
}
