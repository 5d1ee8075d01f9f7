package dev.freeport.platform.unix;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.freeport.core.port.ProcessInspector;

/**
 * Signals with kill(2), checking the process's identity (pid and start time) right before each
 * signal, and holding no descriptor per process. Waiting reads each process's state, with
 * back-off from 1 ms to 16 ms. A RESUME goes only to a process that may be stopped. Linux and
 * macOS.
 *
 * <p>From the first freeze until nothing it froze is still frozen, a {@link FrozenWindow} from the
 * sender guards the frozen processes against freeport's own end (a SIGKILL, a Ctrl+Z); closing
 * the terminator closes it on any path out of a stop.
 */
public final class KillTerminator implements Terminator {
  /** kill(2) for one process whose identity the terminator has just checked. */
  public interface Sender {
    /**
     * DELIVERED, DENIED (EPERM), GONE (no such process, or its pid now names another), or
     * UNSUPPORTED (the signal cannot be sent here at all).
     */
    Delivery send(ProcessRef p, int signal);

    /** What guards the processes while they are frozen; called just before the first freeze. */
    default FrozenWindow openFrozenWindow() {
      return FrozenWindow.NONE;
    }
  }

  private final Sender sender;
  private final Signals signals;
  private final GracefulSignal graceful;
  private final ProcessInspector processes;
  private final Set<ProcessRef> frozen = new HashSet<>(); // guarded by itself, as is window
  private FrozenWindow window; // open from the first freeze until nothing is frozen

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
    if (action == Action.FREEZE) {
      announceFreeze(p);
    } else if (action == Action.FORCE && windowOpen()) {
      TestHold.once();
    }
    Delivery d = deliver(p, action);
    track(p, action, d);
    return d;
  }

  private Delivery deliver(ProcessRef p, Action action) {
    if (!processes.isRunning(p)) {
      return Delivery.GONE;
    }
    if (action == Action.RESUME && !processes.mayBeStopped(p)) {
      return Delivery.DELIVERED; // it runs already: nothing to resume
    }
    return sender.send(p, signals.number(action, graceful));
  }

  /** Opens the frozen window at the first freeze, and tells it before each. */
  private void announceFreeze(ProcessRef p) {
    synchronized (frozen) {
      if (window == null) {
        window = openWindow();
      }
      window.freezing(p.pid());
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
  private void track(ProcessRef p, Action action, Delivery d) {
    synchronized (frozen) {
      if (window == null) {
        return;
      }
      if (action == Action.FREEZE && d == Delivery.DELIVERED) {
        frozen.add(p);
        return;
      }
      boolean released = action == Action.FREEZE || action == Action.RESUME || d == Delivery.GONE
          || (action == Action.FORCE && d == Delivery.DELIVERED); // SIGKILL ends a stopped process too
      if (!released) {
        return;
      }
      if (frozen.remove(p) || action == Action.FREEZE) {
        window.released(p.pid());
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
