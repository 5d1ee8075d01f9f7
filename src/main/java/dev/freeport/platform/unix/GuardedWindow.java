package dev.freeport.platform.unix;

import dev.freeport.platform.unix.jna.LibC;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The frozen window on Linux and macOS: a {@link Watchdog} resumes the frozen processes if
 * freeport dies inside it, and a {@link DeferredSuspend} holds a Ctrl+Z back until it closes.
 * Either may be missing (no shell, a JVM that keeps SIGTSTP); the window is then guarded by what
 * is left.
 */
final class GuardedWindow implements FrozenWindow {
  private final Optional<Watchdog> watchdog;
  private final Optional<DeferredSuspend> suspend;

  GuardedWindow(Optional<Watchdog> watchdog, Optional<DeferredSuspend> suspend) {
    this.watchdog = watchdog;
    this.suspend = suspend;
  }

  /** Starts the watchdog and holds SIGTSTP back; suspending later goes through {@code libc}. */
  static GuardedWindow open(LibC libc) {
    return new GuardedWindow(Watchdog.start(), deferSuspend(libc));
  }

  /** Empty where the runtime lacks jdk.unsupported: DeferredSuspend itself cannot be loaded then. */
  private static Optional<DeferredSuspend> deferSuspend(LibC libc) {
    try {
      return DeferredSuspend.install(new SuspendSelf(libc));
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  /** kill(getpid(), signal): the JDK can raise a signal only while a Java handler holds it. */
  private static final class SuspendSelf implements IntConsumer {
    private final LibC libc;

    SuspendSelf(LibC libc) {
      this.libc = libc;
    }

    @Override
    public void accept(int signal) {
      try {
        libc.kill(libc.getpid(), signal);
      } catch (RuntimeException e) {
        // cannot fail for the process itself; if it did, freeport just goes on running
      }
    }
  }

  @Override
  public void freezing(long pid) {
    if (watchdog.isPresent()) {
      watchdog.get().freezing(pid);
    }
  }

  @Override
  public void released(long pid) {
    if (watchdog.isPresent()) {
      watchdog.get().released(pid);
    }
  }

  /** The watchdog first: freeport may suspend right after, and nothing is frozen by then. */
  @Override
  public void close() {
    if (watchdog.isPresent()) {
      watchdog.get().close();
    }
    if (suspend.isPresent()) {
      suspend.get().close();
    }
  }
}
