package dev.freeport.core.kill;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.process.ProcessTable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After holders are stopped, watches their surviving parents for a short while: a supervisor
 * (nodemon, a shell loop, systemd) starts a new child at once, and that child may then take the
 * port again. Returns as soon as the parents are gone, the window passes without a new child, or
 * a new child's port shows up.
 */
final class RespawnWatch {
  /** How long a surviving parent is watched for a new child. */
  static final Duration WINDOW = Duration.ofMillis(250);
  /** How long a new child is given to bind the port again. */
  static final Duration BIND_WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 5;

  private final ProcessInspector processes;
  private final SocketTable sockets;

  RespawnWatch(ProcessInspector processes, SocketTable sockets) {
    this.processes = processes;
    this.sockets = sockets;
  }

  void await(Set<ProcessRef> parents, Set<ProcessRef> stopped, Set<Protocol> protocols, PortSet ports)
      throws InterruptedException {
    if (parents.isEmpty()) {
      return;
    }
    ProcessTable start = processes.snapshot();
    Set<ProcessRef> baseline = new HashSet<>(stopped);
    parents.forEach(p -> baseline.addAll(start.children(p.pid())));
    long end = System.nanoTime() + WINDOW.toNanos();
    while (System.nanoTime() < end) {
      ProcessTable now = processes.snapshot();
      List<ProcessRef> alive = parents.stream().filter(now::contains).toList();
      if (alive.isEmpty()) {
        return;
      }
      boolean newChild =
          alive.stream()
              .flatMap(p -> now.children(p.pid()).stream())
              .anyMatch(c -> !baseline.contains(c));
      if (newChild) {
        awaitBind(protocols, ports);
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
