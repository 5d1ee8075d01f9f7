package dev.freeport.platform.unix;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.port.Terminator;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Delivers signals with kill(2), holding no descriptor per process. Waiting reads each process's
 * state, with back-off from 1 ms to 16 ms. Linux and macOS.
 *
 * <p>From the first freeze until nothing it froze is still frozen, a {@link FrozenWindow} from the
 * sender guards the frozen processes against freeport's own end (a SIGKILL, a Ctrl+Z); closing
 * the terminator closes it on any path out of a stop.
 */
public final class KillTerminator implements Terminator {
  /** kill(2) for the process that had a pid when it was taken. */
  public interface Sender {
    /** Takes the process that has this pid now (see {@link Terminator#hold}). */
    Target target(long pid);

    /** What guards the processes while they are frozen; called just before the first freeze. */
    default FrozenWindow openFrozenWindow() {
      return FrozenWindow.NONE;
    }
  }

  /** One process taken by a {@link Sender}. */
  public interface Target {
    /**
     * Sends {@code signal}, this platform's number for {@code action}: DELIVERED, DENIED (EPERM),
     * GONE (no such process, or its pid now names another), or UNSUPPORTED (it cannot be sent here
     * at all).
     */
    Delivery send(Action action, int signal);
  }

  private final Sender sender;
  private final Signals signals;
  private final GracefulSignal graceful;
  private final ProcessInspector processes;
  private final Set<Long> frozen = new HashSet<>(); // guarded by itself, as is window
  private FrozenWindow window; // open from the first freeze until nothing is frozen

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
    return new Taken(pid, sender.target(pid));
  }

  /** A taken process, with this terminator's signal numbers and frozen window. */
  private final class Taken implements Held {
    private final long pid;
    private final Target target;

    Taken(long pid, Target target) {
      this.pid = pid;
      this.target = target;
    }

    @Override
    public Delivery deliver(Action action) {
      if (action == Action.FREEZE) {
        announceFreeze(pid);
      } else if (action == Action.FORCE && windowOpen()) {
        TestHold.once();
      }
      Delivery d = target.send(action, signals.number(action, graceful));
      track(pid, action, d);
      return d;
    }
  }

  /** Opens the frozen window at the first freeze, and tells it before each. */
  private void announceFreeze(long pid) {
    synchronized (frozen) {
      if (window == null) {
        window = openWindow();
      }
      window.freezing(pid);
    }
  }

  /** The sender's window; none if it cannot be had, as the freeze and the kill do not depend on it. */
  private FrozenWindow openWindow() {
    try {
      return sender.openFrozenWindow();
    } catch (RuntimeException | LinkageError e) {
      return FrozenWindow.NONE;
    }
  }

  private boolean windowOpen() {
    synchronized (frozen) {
      return window != null;
    }
  }

  /**
   * Keeps the set of processes this terminator holds frozen. A process leaves it when its freeze
   * fails, when it is killed, resumed or gone; once a kill or resume leaves it empty the window
   * closes (so a Ctrl+Z held back takes effect as soon as nothing is frozen).
   */
  private void track(long pid, Action action, Delivery d) {
    synchronized (frozen) {
      if (window == null) {
        return;
      }
      if (action == Action.FREEZE && d == Delivery.DELIVERED) {
        frozen.add(pid);
        return;
      }
      boolean released = action == Action.FREEZE || action == Action.RESUME || d == Delivery.GONE
          || (action == Action.FORCE && d == Delivery.DELIVERED); // SIGKILL ends a stopped process too
      if (!released) {
        return;
      }
      if (frozen.remove(pid) || action == Action.FREEZE) {
        window.released(pid);
      }
      if (frozen.isEmpty() && action != Action.FREEZE) {
        closeWindow();
      }
    }
  }

  /** Closes the frozen window, if open; the caller holds {@code frozen}. */
  private void closeWindow() {
    if (window != null) {
      FrozenWindow w = window;
      window = null;
      frozen.clear();
      w.close();
    }
  }

  /** Closes the frozen window if a stop ended with it open: this is the last word of a stop. */
  @Override
  public void close() {
    synchronized (frozen) {
      closeWindow();
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
