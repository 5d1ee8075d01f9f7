package dev.freeport.core.kill;

import dev.freeport.core.kill.Terminator.Action;
import dev.freeport.core.kill.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.process.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stops a set of processes the way {@code taskkill /T} then {@code /F} does: a graceful request to
 * every process, a bounded wait, then freeze whatever is left, take its tree again (so children
 * forked meanwhile do not escape), and force them all.
 */
public final class Escalation {
  /** How long to wait for forcibly killed processes to disappear. */
  static final Duration FORCE_WAIT = Duration.ofSeconds(2);
  /** How many times the frozen tree is taken again looking for new children. */
  private static final int MAX_FREEZE_ROUNDS = 8;

  private final Terminator terminator;
  private final ProcessInspector inspector;

  public Escalation(Terminator terminator, ProcessInspector inspector) {
    this.terminator = terminator;
    this.inspector = inspector;
  }

  /**
   * Stops the given processes (holders first, then their trees).
   *
   * @param targets processes in the order to signal them
   * @param timeout how long to wait for graceful exits before forcing
   * @param force skip the graceful step
   * @param progress told when the graceful wait starts
   * @return how each process ended, in signal order; processes found during the freeze are
   *     added at the end
   */
  public Map<ProcessRef, StopMethod> stop(
      List<ProcessRef> targets, Duration timeout, boolean force, Progress progress) {
    Map<ProcessRef, StopMethod> result = new LinkedHashMap<>();
    List<ProcessRef> running = new ArrayList<>();
    List<ProcessRef> forceNow = new ArrayList<>();
    boolean graceful = !force && terminator.supportsGraceful();
    for (ProcessRef p : targets) {
      if (!graceful) {
        forceNow.add(p);
        continue;
      }
      switch (terminator.send(p, Action.GRACEFUL)) {
        case GONE -> result.put(p, StopMethod.GONE);
        case DENIED -> result.put(p, StopMethod.DENIED);
        case UNSUPPORTED -> forceNow.add(p); // no graceful way for this one: waiting would only cost time
        default -> {
          terminator.send(p, Action.RESUME);
          running.add(p);
        }
      }
    }
    if (!running.isEmpty()) {
      progress.waiting(running, timeout);
      Set<ProcessRef> left = terminator.awaitExit(running, timeout);
      for (ProcessRef p : running) {
        if (!left.contains(p)) {
          result.put(p, StopMethod.GRACEFUL);
        }
      }
      running.retainAll(left);
    }
    forceNow.addAll(running);
    if (!forceNow.isEmpty()) {
      progress.forcing(forceNow);
      forceTree(targets, forceNow, result);
    }
    return result;
  }

  private void forceTree(
      List<ProcessRef> targets, List<ProcessRef> running, Map<ProcessRef, StopMethod> result) {
    Set<ProcessRef> frozen = new LinkedHashSet<>();
    Set<ProcessRef> toFreeze = new LinkedHashSet<>(running);
    for (int round = 0; round < MAX_FREEZE_ROUNDS && !toFreeze.isEmpty(); round++) {
      for (ProcessRef p : toFreeze) {
        Delivery d = terminator.send(p, Action.FREEZE);
        if (d == Delivery.GONE) {
          result.putIfAbsent(p, StopMethod.GONE);
        } else if (d == Delivery.DENIED) {
          result.put(p, StopMethod.DENIED);
        } else {
          frozen.add(p);
        }
      }
      ProcessTable table = inspector.snapshot();
      toFreeze = new LinkedHashSet<>();
      for (ProcessRef root : union(targets, frozen)) {
        for (ProcessRef child : table.descendants(root)) {
          if (!frozen.contains(child) && !result.containsKey(child)) {
            toFreeze.add(child);
          }
        }
      }
    }
    frozen.addAll(toFreeze); // children that appeared in the last round: kill them unfrozen
    List<ProcessRef> killed = new ArrayList<>();
    for (ProcessRef p : frozen) {
      switch (terminator.send(p, Action.FORCE)) {
        case GONE -> result.putIfAbsent(p, StopMethod.GONE);
        case DENIED -> result.put(p, StopMethod.DENIED);
        default -> killed.add(p);
      }
    }
    Set<ProcessRef> survivors = terminator.awaitExit(killed, FORCE_WAIT);
    for (ProcessRef p : killed) {
      result.put(p, survivors.contains(p) ? StopMethod.SURVIVED : StopMethod.FORCED);
    }
  }

  private static Set<ProcessRef> union(List<ProcessRef> a, Set<ProcessRef> b) {
    Set<ProcessRef> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** Hears about the escalation's phases, e.g. to show a status line. */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void waiting(List<ProcessRef> running, Duration timeout) {}

    default void forcing(List<ProcessRef> left) {}
  }
}
