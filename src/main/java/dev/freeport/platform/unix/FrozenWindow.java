package dev.freeport.platform.unix;

/**
 * Guards the time a {@link KillTerminator} keeps processes frozen (SIGSTOP): opened just before
 * the first freeze, told each pid before it is frozen and when it no longer is, and closed once
 * nothing is frozen. Its methods never throw and never wait without a bound.
 */
public interface FrozenWindow {
  /** Nothing guards the window (no freeze on this platform, or nothing to guard it with). */
  FrozenWindow NONE = new FrozenWindow() {
    @Override
    public void freezing(long pid) {}

    @Override
    public void released(long pid) {}

    @Override
    public void close() {}
  };

  /** {@code pid} is about to be sent SIGSTOP. */
  void freezing(long pid);

  /** {@code pid} is no longer frozen by freeport: its freeze failed, or it was killed, resumed or is gone. */
  void released(long pid);

  /** Nothing is frozen any more; called once, on every path out of the forced step. */
  void close();
}
