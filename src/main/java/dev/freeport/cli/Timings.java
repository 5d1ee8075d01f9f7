package dev.freeport.cli;

import java.io.PrintStream;

/** With --debug, prints how long each phase took to stderr. */
final class Timings {
  static final Timings OFF = new Timings(null);
  private final PrintStream err;
  private long last = System.nanoTime();

  Timings(PrintStream err) {
    this.err = err;
  }

  void mark(String phase) {
    if (err != null) {
      long now = System.nanoTime();
      err.println("debug: " + phase + " in " + (now - last) / 1_000_000 + " ms");
      last = now;
    }
  }
}
