package dev.freeport.core.engine;

import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Promise 1, in one place: every signal of a stop passes here, and is delivered only to a process
 * the plan permits (shown and confirmed) that is still exactly that process (same pid and start
 * time). The process with the pid is taken first and its identity checked after, so a pid reused
 * in between is never hit. Terminators only deliver.
 */
final class SignalGate {
  private final Terminator terminator;
  private final ProcessInspector processes;
  private final Plan plan;

  SignalGate(Terminator terminator, ProcessInspector processes, Plan plan) {
    this.terminator = terminator;
    this.processes = processes;
    this.plan = plan;
  }

  /**
   * NOT_PLANNED for a process the plan does not hold, GONE when the pid no longer names it;
   * otherwise what the terminator's delivery gave. A RESUME goes only to a process that may be
   * stopped.
   */
  Delivery send(ProcessRef p, Action action) {
    if (!plan.permits(p)) {
      return Delivery.NOT_PLANNED;
    }
    Terminator.Held held = terminator.hold(p.pid());
    if (!processes.isRunning(p)) {
      return Delivery.GONE;
    }
    if (action == Action.RESUME && !processes.mayBeStopped(p)) {
      return Delivery.DELIVERED; // it runs already: nothing to resume
    }
    return held.deliver(action);
  }

  Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    return terminator.awaitExit(processes, timeout);
  }

  boolean supportsGraceful() {
    return terminator.supportsGraceful();
  }
}
