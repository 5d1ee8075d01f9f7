package dev.freeport.platform.unix;

import com.sun.jna.LastErrorException;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Signals with kill(2), checking the process's start time right before each signal. Waiting
 * polls with back-off from 1 ms to 16 ms. Used on macOS, and on Linux kernels without pidfd.
 */
public final class KillTerminator implements Terminator {
  private final LibC libc;
  private final Signals signals;
  private final GracefulSignal graceful;
  private final Predicate<ProcessRef> running;

  /**
   * @param signals the platform's signal numbers
   * @param graceful the signal that asks a process to exit
   * @param running true while the exact process (pid and start time) still runs
   */
  public KillTerminator(LibC libc, Signals signals, GracefulSignal graceful, Predicate<ProcessRef> running) {
    this.libc = libc;
    this.signals = signals;
    this.graceful = graceful;
    this.running = running;
  }

  @Override
  public Delivery send(ProcessRef p, Action action) {
    if (!running.test(p)) {
      return Delivery.GONE;
    }
    try {
      libc.kill((int) p.pid(), signals.number(action, graceful));
      return Delivery.DELIVERED;
    } catch (LastErrorException e) {
      return e.getErrorCode() == LibC.EPERM ? Delivery.DENIED : Delivery.GONE;
    }
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    Set<ProcessRef> left = new LinkedHashSet<>(processes);
    long end = System.nanoTime() + timeout.toNanos();
    long pause = 1;
    while (true) {
      left.removeIf(running.negate());
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
