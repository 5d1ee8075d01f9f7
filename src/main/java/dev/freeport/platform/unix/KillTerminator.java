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
 * Delivers signals with kill(2), holding no descriptor per process. Waiting reads each process's
 * state, with back-off from 1 ms to 16 ms. Linux and macOS.
 */
public final class KillTerminator implements Terminator {
  /** kill(2) for the process that had a pid when it was taken. */
  public interface Sender {
    /** Takes the process that has this pid now (see {@link Terminator#hold}). */
    Target target(long pid);
  }

  /** One process taken by a {@link Sender}. */
  public interface Target {
    /** DELIVERED, DENIED (EPERM) or GONE (no such process, or its pid now names another). */
    Delivery send(int signal);
  }

  private final Sender sender;
  private final Signals signals;
  private final GracefulSignal graceful;
  private final ProcessInspector processes;

  /**
   * @param signals the platform's signal numbers
   * @param graceful the signal that asks a process to exit
   * @param processes tells, while waiting, whether the exact process (pid and start time) still runs
   */
  public KillTerminator(Sender sender, Signals signals, GracefulSignal graceful, ProcessInspector processes) {
    this.sender = sender;
    this.signals = signals;
    this.graceful = graceful;
    this.processes = processes;
  }

  @Override
  public Held hold(long pid) {
    return new Taken(sender.target(pid));
  }

  /** A taken process, with this terminator's signal numbers. */
  private final class Taken implements Held {
    private final Target target;

    Taken(Target target) {
      this.target = target;
    }

    @Override
    public Delivery deliver(Action action) {
      return target.send(signals.number(action, graceful));
    }
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
