package dev.freeport.platform.unix;

/**
 * For the real-process tests of the frozen window only: with {@code -Dfreeport.test.holdFrozen=MS}
 * the first forced kill of a run waits that long first, so a test can act while the tree is
 * frozen (a Ctrl+Z, a SIGKILL). Without the property it does nothing.
 */
final class TestHold {
  private static boolean done;

  private TestHold() {}

  static synchronized void once() {
    if (done) {
      return;
    }
    done = true;
    long millis = Long.getLong("freeport.test.holdFrozen", 0);
    if (millis > 0) {
      try {
        Thread.sleep(Math.min(millis, 30_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
