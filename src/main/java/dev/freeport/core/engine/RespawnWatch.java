package dev.freeport.core.engine;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.process.ProcessInspector;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * After holders are stopped, watches their surviving parents for a short while: a supervisor
 * (a shell loop, pm2, a JVM or Node launcher) starts a new child within milliseconds, and that
 * child may then take the port again. Returns as soon as the parents are gone, the window passes
 * without a new child, or a new child's port shows up.
 */
final class RespawnWatch {
  /** How long a surviving parent is watched for a new child. */
  static final Duration WINDOW = Duration.ofMillis(100);
  /** How long a new child is given to bind the port again. */
  static final Duration BIND_WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 2;

  private final ProcessInspector processes;
  private final SocketTable sockets;

  RespawnWatch(ProcessInspector processes, SocketTable sockets) {
    this.processes = processes;
    this.sockets = sockets;
  }

  /**
   * @param parentPids parents of the stopped holders that may be supervisors
   * @param stopped the processes just stopped (not new children)
   */
  void await(Collection<Long> parentPids, Set<ProcessRef> stopped, Set<Protocol> protocols, PortSet ports)
      throws InterruptedException {
    List<ProcessRef> parents = parentPids.stream().map(processes::identify)
        .flatMap(Optional::stream).filter(p -> !stopped.contains(p)).toList();
    if (parents.isEmpty()) {
      return;
    }
    Set<ProcessRef> known = new HashSet<>(stopped);
    parents.forEach(p -> known.addAll(processes.children(p)));
    long end = System.nanoTime() + WINDOW.toNanos();
    while (System.nanoTime() < end) {
      boolean anyAlive = false;
      for (ProcessRef p : parents) {
        if (processes.isRunning(p)) {
          anyAlive = true;
          if (!known.containsAll(processes.children(p))) {
            awaitBind(protocols, ports);
            return;
          }
        }
      }
      if (!anyAlive) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private void awaitBind(Set<Protocol> protocols, PortSet ports) throws InterruptedException {
    long end = System.nanoTime() + BIND_WAIT.toNanos();
    while (System.nanoTime() < end && sockets.listening(protocols, ports).isEmpty()) {
      Thread.sleep(POLL_MILLIS);
    }
  }
}
