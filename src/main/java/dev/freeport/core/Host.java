package dev.freeport.core;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.explain.Advice;
import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;
import java.util.Set;

/** The operating system freeport runs on, as the core sees it: one implementation per OS. */
public interface Host {

  SocketTable sockets();

  ProcessInspector processes();

  /**
   * Says a stop will probably follow, so the host can load what signalling needs (native
   * bindings) in the background while discovery runs.
   */
  default void prepareToStop() {}

  /** Opens a terminator for one stop; the caller closes it. */
  Terminator openTerminator();

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

  /** The hint shown when privileges are missing, e.g. "re-run with sudo". */
  String privilegeHint();
}
