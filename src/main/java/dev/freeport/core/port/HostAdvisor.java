package dev.freeport.core.port;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;
import java.util.Set;

/** What this OS knows about its own processes and ports that the engine cannot see for itself. */
public interface HostAdvisor {

  /** Names of processes this OS cannot live without; never stopped. */
  Set<String> criticalProcessNames();

  /** This OS's own reasons why stopping a holder may not free the port (launchd, http.sys). */
  default Optional<Advice> advice(ProcessInfo holder, int port) {
    return Optional.empty();
  }

  /**
   * What in this OS restarts this holder when it exits (a systemd unit on Linux), as a few words
   * for messages; empty when the OS does not supervise it.
   */
  default Optional<String> supervisor(ProcessInfo holder) {
    return Optional.empty();
  }

  /**
   * Why this OS's holder must never be stopped although it is no critical process (a container
   * port forwarder, macOS AirPlay Receiver, WSL's relay), in a few words; empty to allow it.
   */
  default Optional<String> refusal(ProcessInfo holder) {
    return Optional.empty();
  }

  /**
   * Why binding this endpoint fails as "in use" although no visible socket holds it, and what
   * frees it (TIME_WAIT on Linux, a reserved port range on Windows); it says what was searched
   * and never guesses.
   *
   * @param timeWait TCP connections in TIME_WAIT on the port
   */
  default Optional<Advice> whyUnbindable(Endpoint endpoint, int timeWait) {
    return Optional.empty();
  }

  /** The hint shown when privileges are missing, e.g. "re-run with sudo". */
  String privilegeHint();
}
