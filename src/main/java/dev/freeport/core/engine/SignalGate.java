package dev.freeport.core.engine;

import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * The one place signals pass: forwards a signal to the platform's terminator only for a process
 * the plan permits, and answers {@link Delivery#NOT_PLANNED} for any other, whichever code path
 * asked.
 */
final class SignalGate implements Terminator {
  private final Terminator terminator;
  private final Plan plan;

  SignalGate(Terminator terminator, Plan plan) {
    this.terminator = terminator;
    this.plan = plan;
  }

  @Override
  public Delivery send(ProcessRef p, Action action) {
    return plan.permits(p) ? terminator.send(p, action) : Delivery.NOT_PLANNED;
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    return terminator.awaitExit(processes, timeout);
  }

  @Override
  public boolean supportsGraceful() {
    return terminator.supportsGraceful();
  }
}
