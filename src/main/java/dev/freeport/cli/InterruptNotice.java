package dev.freeport.cli;

import java.io.PrintStream;

/**
 * Says what had been done when Ctrl+C (or SIGTERM) ends freeport mid-way, so an interrupted run
 * leaves nothing it cannot describe. The JVM exits with 130 on SIGINT; this adds one line on
 * stderr. Close it when the run ends normally.
 */
final class InterruptNotice implements AutoCloseable {
  private final Thread hook;
  private volatile String state = "nothing was stopped";
  private volatile boolean finished;

  InterruptNotice(PrintStream err) {
    hook = new Thread(() -> {
      if (!finished) {
        err.println();
        err.println("freeport: interrupted: " + state);
        err.flush();
      }
    }, "freeport-interrupt-notice");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** What has been done so far, as the end of a sentence. */
  void state(String now) {
    state = now;
  }

  @Override
  public void close() {
    finished = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; the hook sees finished and stays quiet
    }
  }
}
