package dev.freeport.platform.unix;

import java.util.Optional;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds back a Ctrl+Z (SIGTSTP) while freeport keeps processes frozen: suspended in the middle,
 * freeport would leave them frozen for as long as it stays suspended. The signal is noted, and
 * once the window closes the previous handling is restored and the signal acted on, so freeport
 * suspends as the user asked, with nothing frozen. SIGTTIN and SIGTTOU need no such care:
 * freeport neither reads nor writes the terminal while the tree is frozen.
 */
final class DeferredSuspend implements SignalHandler {
  private final Signal tstp;
  private final IntConsumer suspend;
  private SignalHandler previous; // set once, right after install
  private boolean pending; // guarded by this
  private boolean closed; // guarded by this

  private DeferredSuspend(Signal tstp, IntConsumer suspend) {
    this.tstp = tstp;
    this.suspend = suspend;
  }

  /**
   * Starts holding SIGTSTP back.
   *
   * @param suspend sends freeport the signal numbered so (SIGTSTP), now with its default action;
   *     called only when SIGTSTP came and had that action before
   * @return empty where the JVM does not let freeport handle SIGTSTP (a runtime without
   *     jdk.unsupported, or the JVM keeps the signal): the window then goes unguarded against it
   */
  static Optional<DeferredSuspend> install(IntConsumer suspend) {
    try {
      Signal tstp = new Signal("TSTP");
      DeferredSuspend d = new DeferredSuspend(tstp, suspend);
      d.previous = Signal.handle(tstp, d);
      return Optional.of(d);
    } catch (IllegalArgumentException | LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public void handle(Signal s) {
    synchronized (this) {
      if (!closed) {
        pending = true;
        return;
      }
    }
    actOn(); // it came just as the window closed: the handler was already restored
  }

  /** True once a SIGTSTP has been held back. */
  synchronized boolean pending() {
    return pending;
  }

  /** Restores the previous handling and suspends freeport if a SIGTSTP was held back. */
  void close() {
    boolean held;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      held = pending;
    }
    try {
      Signal.handle(tstp, previous);
    } catch (IllegalArgumentException e) {
      return; // cannot happen: it was accepted at install
    }
    if (held) {
      actOn();
    }
  }

  private void actOn() {
    if (previous == SignalHandler.SIG_DFL) {
      suspend.accept(tstp.getNumber());
    } else if (previous != SignalHandler.SIG_IGN) {
      previous.handle(tstp);
    }
  }
}
