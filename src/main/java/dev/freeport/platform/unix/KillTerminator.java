package dev.freeport.platform.unix;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.freeport.core.port.ProcessInspector;

/**
 * Signals with kill(2), checking the process's identity (pid and start time) right before each
 * signal, and holding no descriptor per process. Waiting reads each process's state, with
 * back-off from 1 ms to 16 ms. A RESUME goes only to a process that may be stopped. Linux and
 * macOS.
 */
public final class KillTerminator implements Terminator {
  /** kill(2) for one process whose identity the terminator has just checked. */
  public interface Sender {
    /** DELIVERED, DENIED (EPERM) or GONE (no such process, or its pid now names another). */
    Delivery send(ProcessRef p, int signal);
  }

  private final Sender sender;
  private final Signals signals;
  private final GracefulSignal graceful;
  private final ProcessInspector processes;

  /**
   * @param signals the platform's signal numbers
   * @param graceful the signal that asks a process to exit
   * @param processes tells whether the exact process (pid and start time) still runs, and whether
   *     it may be stopped
   */
  public KillTerminator(Sender sender, Signals signals, GracefulSignal graceful, ProcessInspector processes) {
    this.sender = sender;
    this.signals = signals;
    this.graceful = graceful;
    this.processes = processes;
  }

  @Override
  public Delivery send(ProcessRef p, Action action) {
    if (action == Action.FORCE) {
      TestHold.once();
    }
    if (!processes.isRunning(p)) {
      return Delivery.GONE;
    }
    if (action == Action.RESUME && !processes.mayBeStopped(p)) {
      return Delivery.DELIVERED; // it runs already: nothing to resume
    }
    return sender.send(p, signals.number(action, graceful));
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> waited, Duration timeout) {
    Set<ProcessRef> left = new LinkedHashSet<>(waited);
    long end = System.nanoTime() + timeout.toNanos();
    long pause = 1;
    while (true) {
      for (java.util.Iterator<ProcessRef> i = left.iterator(); i.hasNext(); ) {
        if (!processes.isRunning(i.next())) {
          i.remove();
        }
      }
      long remaining = end - System.nanoTime();
      if (left.isEmpty() || remaining <= 0) {
        return left;
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
      pause = Math.min(pause * 2, 16);
    }
  }
}
