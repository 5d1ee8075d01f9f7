package dev.freeport.render;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A live one-line status on a terminal while freeport waits: rewritten in place a few times a
 * second, erased when the wait ends.
 */
public final class StatusLine {
  private static final long REFRESH_MILLIS = 100;
  private final PrintStream err;
  private final Terminal term;
  private Thread ticker;

  public StatusLine(PrintStream err, Terminal term) {
    this.err = err;
    this.term = term;
  }

  /** The waiting message: which processes still run, and time left before they are forced. */
  public static String waiting(List<String> running, Duration left) {
    String names = String.join(", ", running.stream().limit(4).map(Sanitizer::clean).toList())
        + (running.size() > 4 ? " and " + (running.size() - 4) + " more" : "");
    return String.format(Locale.ROOT, "Waiting for %d to exit (%s): %.1f s before force",
        running.size(), names, Math.max(0, left.toMillis()) / 1000.0);
  }

  /** Starts redrawing {@code text} until {@link #stop()}. */
  public synchronized void start(Supplier<String> text) {
    stop();
    Thread t = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          draw(text.get());
          Thread.sleep(REFRESH_MILLIS);
        }
      } catch (InterruptedException e) {
        // stopped
      }
    }, "freeport-status");
    t.setDaemon(true);
    ticker = t;
    t.start();
  }

  /** Stops redrawing and erases the line. */
  public synchronized void stop() {
    if (ticker != null) {
      ticker.interrupt();
      try {
        ticker.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
      draw("");
    }
  }

  private synchronized void draw(String text) {
    err.print(term.overwriteLine(text));
    err.flush();
  }
}
