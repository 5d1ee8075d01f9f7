package dev.freeport.core.port;

import dev.freeport.core.model.BindSemantics;

/**
 * The operating system freeport runs on, as the small ports the engine needs: one implementation
 * per OS, one scripted one for tests. {@link dev.freeport.core.Freeport} wires the engine from it.
 */
public interface Host {

  SocketTable sockets();

  ProcessInspector processes();

  Signaller signaller();

  HostAdvisor advisor();

  /** How binds of one port conflict on this OS, for the port check. */
  default BindSemantics bindSemantics() {
    return BindSemantics.WILDCARD_COVERS_ALL;
  }

  /** The clock every wait of the engine is measured on. */
  default Clock clock() {
    return Clock.SYSTEM;
  }

  /** freeport's own pid (never stopped, nor its parent chain). */
  default long self() {
    return ProcessHandle.current().pid();
  }
}
