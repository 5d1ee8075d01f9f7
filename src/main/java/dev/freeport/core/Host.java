package dev.freeport.core;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;

/** The operating system freeport runs on, as the core sees it: one implementation per OS. */
public interface Host {

  SocketTable sockets();

  ProcessInspector processes();

  /** freeport's own pid (never stopped, nor its parent chain). */
  default long self() {
    return ProcessHandle.current().pid();
  }

  /**
   * Says a stop will probably follow, so the host can load what signalling needs (native
   * bindings) in the background while discovery runs.
   */
  default void prepareToStop() {}

  /**
   * Opens a terminator for one stop; the caller closes it.
   *
   * @param graceful how to ask processes to exit; one of {@link #gracefulSignals()}
   */
  Terminator openTerminator(GracefulSignal graceful);

  /** The graceful requests this OS offers ({@code --signal}). */
  default Set<GracefulSignal> gracefulSignals() {
    return EnumSet.of(GracefulSignal.TERM, GracefulSignal.INT, GracefulSignal.HUP, GracefulSignal.QUIT,
        GracefulSignal.USR1, GracefulSignal.USR2);
  }

  /** Names of processes this OS cannot live without; never stopped. */
  Set<String> criticalProcessNames();

  /**
   * False where the socket table omits sockets this user may not see (macOS without root), so a
   * port with no visible socket must still be checked by binding it.
   */
  default boolean seesAllSockets() {
    return true;
  }

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
   * Why this endpoint cannot be bound although no visible process holds it, and what frees it
   * (TIME_WAIT or another network namespace on Linux, a reserved port range on Windows).
   *
   * @param timeWait TCP connections in TIME_WAIT on the port
   */
  default Optional<Advice> whyUnbindable(Endpoint endpoint, int timeWait) {
    return Optional.empty();
  }

  /** The hint shown when privileges are missing, e.g. "re-run with sudo". */
  String privilegeHint();
}
