package dev.freeport.core;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.process.ProcessInspector;
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

  /** The hint shown when privileges are missing, e.g. "re-run with sudo". */
  String privilegeHint();
}
