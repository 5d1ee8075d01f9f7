package dev.freeport.render;

import dev.freeport.core.text.Printable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * A live one-line status on a terminal while freeport waits: rewritten in place a few times a
 * second, erased when the wait ends. On a terminal that cannot rewrite a line ({@code TERM=dumb})
 * the first text is printed once as a plain line and nothing is erased.
 */
public final class StatusLine {
  private static final long REFRESH_MILLIS = 100;
  private final PrintStream err;
  private final Terminal term;
  private final ThreadFactory threads;
  private final Object lock = new Object();
  // Guarded by lock. A ticker draws only while its generation is current, so once stop() has
  // erased the line under the lock, a ticker still computing its text can never draw again.
  private long generation;
  private Thread ticker;
  private boolean drawn;

  public StatusLine(PrintStream err, Terminal term) {
    this(err, term, new DaemonThreads());
  }

  /** The ticker threads of a real run: daemons, so a ticker never keeps the JVM alive. */
  private static final class DaemonThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "freeport-status");
      t.setDaemon(true);
      return t;
    }
  }

  /** With the ticker threads made by {@code threads} (tests use it to wait for a ticker). */
  StatusLine(PrintStream err, Terminal term, ThreadFactory threads) {
    this.err = err;
    this.term = term;
    this.threads = threads;
  }

  /**
   * The waiting message: time left before the processes still running are forced, then which they
   * are. The countdown comes first, so a narrow terminal cuts the names, not the time.
   */
  public static String waiting(List<String> running, Duration left) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(4, running.size()); i++) {
      names.append(i > 0 ? ", " : "").append(Printable.clean(running.get(i)));
    }
    if (running.size() > 4) {
      names.append(" and ").append(running.size() - 4).append(" more");
    }
    return "Forcing in " + Formats.oneDecimal(Math.max(0, left.toMillis()) / 1000.0) + " s: waiting for "
        + running.size() + " to exit (" + names + ")";
  }

  /** Starts redrawing {@code text} until {@link #stop()}, replacing any status shown before. */
  public void start(Supplier<String> text) {
    stop();
    if (!term.rewritable()) {
      synchronized (lock) {
        err.println(text.get());
        err.flush();
      }
      return;
    }
    synchronized (lock) {
      long mine = ++generation;
      ticker = threads.newThread(new Runnable() {
        @Override
        public void run() {
          tick(mine, text);
        }
      });
      ticker.start();
    }
  }

  /**
   * Stops redrawing and erases the line. Returns at once: it never waits for the ticker, which
   * ends by itself and cannot draw after this.
   */
  public void stop() {
    Thread stopped;
    synchronized (lock) {
      stopped = ticker;
      ticker = null;
      generation++;
      if (drawn) {
        err.print(term.overwriteLine(""));
        err.flush();
        drawn = false;
      }
    }
    if (stopped != null) {
      stopped.interrupt();
    }
  }

  private void tick(long mine, Supplier<String> text) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String line = text.get();
        synchronized (lock) {
          if (generation != mine) {
            return;
          }
          err.print(term.overwriteLine(line));
          err.flush();
          drawn = true;
        }
        Thread.sleep(REFRESH_MILLIS);
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }
}
