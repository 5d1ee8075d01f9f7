package dev.freeport.core.engine;

import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.ProcessInspector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the parents that may restart stopped holders (supervisors, shell loops, launchers):
 * their children are taken before the first signal, so a child they start afterwards is new,
 * whenever it comes. The watch ends the moment a requested port is taken again, when every
 * watched parent has exited, or when the window passes with no new child; a new child seen in
 * time gets {@link #BIND_WAIT} to take the port.
 */
final class RespawnWatch {
  /** How long a new child is given to bind the port again. */
  static final Duration BIND_WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 20;

  private final ProcessInspector processes;
  private final SocketTable sockets;
  private final Map<ProcessRef, Set<ProcessRef>> known = new HashMap<>();

  /** Takes each parent's children now, before anything is signalled. */
  RespawnWatch(ProcessInspector processes, SocketTable sockets, Collection<ProcessRef> parents) {
    this.processes = processes;
    this.sockets = sockets;
    for (ProcessRef p : parents) {
      known.put(p, new HashSet<>(processes.children(p)));
    }
  }

  /** The watched parents still running now, except those the stop itself ended. */
  List<ProcessRef> survivors(Set<ProcessRef> stopped) {
    List<ProcessRef> out = new ArrayList<>();
    for (ProcessRef p : known.keySet()) { // a loop, not a stream: see Engine
      if (!stopped.contains(p) && processes.isRunning(p)) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @param parents the survivors to watch
   * @param stopped processes the stop signalled (never "new")
   * @param window how long to wait for a new child
   * @return true when a requested port was taken again while watching
   */
  boolean await(List<ProcessRef> parents, Set<ProcessRef> stopped, Set<Protocol> protocols, PortSet ports,
      Duration window) throws InterruptedException {
    long end = System.nanoTime() + window.toNanos();
    long latest = end + BIND_WAIT.toNanos(); // a crash loop starting child after child cannot stretch it
    while (true) {
      if (!sockets.listening(protocols, ports).isEmpty()) {
        return true;
      }
      boolean anyAlive = false;
      for (ProcessRef p : parents) {
        if (processes.isRunning(p)) {
          anyAlive = true;
          for (ProcessRef child : processes.children(p)) {
            if (!stopped.contains(child) && known.get(p).add(child)) {
              end = Math.min(latest, Math.max(end, System.nanoTime() + BIND_WAIT.toNanos())); // time to bind
            }
          }
        }
      }
      if (!anyAlive || System.nanoTime() >= end) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
