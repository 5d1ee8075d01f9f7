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
 * time gets {@link Deadlines#RESPAWN_BIND} to take the port.
 */
final class RespawnWatch {
  private final ProcessInspector processes;
  private final SocketTable sockets;
  private final Deadlines deadlines;
  private final Map<ProcessRef, Set<ProcessRef>> known = new HashMap<>();

  /** Takes each parent's children now, before anything is signalled. */
  RespawnWatch(ProcessInspector processes, SocketTable sockets, Deadlines deadlines, Collection<ProcessRef> parents) {
    this.processes = processes;
    this.sockets = sockets;
    this.deadlines = deadlines;
    for (ProcessRef p : parents) {
      known.put(p, new HashSet<>(processes.children(p)));
    }
  }

  /** The watched parents still running now, except those the stop itself ended. */
  List<ProcessRef> survivors(Set<ProcessRef> stopped) {
    List<ProcessRef> out = new ArrayList<>();
    for (ProcessRef p : known.keySet()) {
      if (!stopped.contains(p) && processes.isRunning(p)) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @param parents the survivors to watch
   * @param stopped processes the stop signalled (never "new")
   * @return true when a requested port was taken again within {@link Deadlines#watch()}
   */
  boolean await(List<ProcessRef> parents, Set<ProcessRef> stopped, Set<Protocol> protocols, PortSet ports)
      throws InterruptedException {
    Deadlines.Deadline end = deadlines.after(deadlines.watch());
    // a crash loop starting child after child cannot stretch it past this
    Deadlines.Deadline latest = deadlines.after(deadlines.watch().plus(Deadlines.RESPAWN_BIND));
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
              end.extend(Deadlines.RESPAWN_BIND, latest); // time to bind
            }
          }
        }
      }
      if (!anyAlive || end.passed()) {
        return false;
      }
      deadlines.clock().sleep(Deadlines.RESPAWN_POLL.toMillis());
    }
  }
}
