package dev.freeport.cli;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * When Ctrl+C, SIGTERM or SIGHUP ends freeport mid-way, asks the stop to finish safely (see
 * {@code Stop.abort}) and says in one line what had been done. The JVM exits with 130 on SIGINT.
 * Close it when the run ends normally.
 */
final class InterruptNotice implements AutoCloseable {
  private final Thread hook;
  private volatile boolean finished;

  /** @param onInterrupt makes the stop safe and returns what had been done, as the end of a sentence */
  InterruptNotice(PrintStream err, Supplier<String> onInterrupt) {
    hook = new Thread(new Runnable() {
      @Override
      public void run() {
        if (!finished) {
          String state = onInterrupt.get();
          err.println();
          err.println("freeport: interrupted: " + state);
          err.flush();
        }
      }
    }, "freeport-interrupt-notice");
    Runtime.getRuntime().addShutdownHook(hook);
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
