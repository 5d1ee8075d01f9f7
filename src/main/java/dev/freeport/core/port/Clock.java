package dev.freeport.core.port;

/** Time as the engine's waits see it; tests pass a scripted one in which waiting takes no time. */
public interface Clock {
  /** The real clock. */
  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };

  /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Waits this many milliseconds. */
  void sleep(long millis) throws InterruptedException;
}
