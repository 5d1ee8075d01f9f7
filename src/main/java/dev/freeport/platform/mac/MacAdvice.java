package dev.freeport.platform.mac;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.text.CommandWords;
import java.util.Optional;

/**
 * macOS holders that stopping does not fix: AirPlay Receiver (ControlCenter, on 5000 and 7000),
 * which must never be stopped, and launchd's KeepAlive jobs, which come back.
 */
public final class MacAdvice {
  private static final String CONTROL_CENTER = "/System/Library/CoreServices/ControlCenter.app/";

  private MacAdvice() {}

  public static Optional<Advice> of(ProcessInfo p, int port) {
    if (isAirPlayReceiver(p)) {
      return Optional.of(new Advice(
          "AirPlay Receiver (ControlCenter, PID " + p.pid() + ") listens on port " + port + "; it is part of macOS"
              + " and is not stopped",
          "turn off AirPlay Receiver in System Settings, General, AirDrop & Handoff (System Preferences, Sharing"
              + " before macOS 13), or use another port"));
    }
    if (p.parentPid() != 1) {
      return Optional.empty();
    }
    String find = CommandWords.shellWord(p.name())
        ? "launchctl list | grep -i " + p.name() + " finds its label"
        : "launchctl list finds its label";
    return Optional.of(new Advice(
        "launchd started " + p.name() + " (PID " + p.pid() + "); if it is a KeepAlive job, launchd restarts it",
        find + "; launchctl bootout gui/$(id -u)/LABEL (or system/LABEL with sudo) stops it for good"));
  }

  /** ControlCenter serves AirPlay Receiver and the menu bar: never stopped. */
  public static Optional<String> refusal(ProcessInfo p) {
    return isAirPlayReceiver(p)
        ? Optional.of("it is macOS's AirPlay Receiver (ControlCenter); turn it off in System Settings instead")
        : Optional.empty();
  }

  static boolean isAirPlayReceiver(ProcessInfo p) {
    return p.name().equals("ControlCenter") || p.command().startsWith(CONTROL_CENTER);
  }
}
