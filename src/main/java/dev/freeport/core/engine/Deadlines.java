package dev.freeport.core.engine;

import dev.freeport.core.port.Clock;
import java.time.Duration;

/**
 * Promise 4, in one place: every wait freeport makes, each with its bound. The waits of one stop
 * come from its options (the graceful timeout, the respawn watch) and the clock; the fixed ones
 * are the constants below, which the platform and CLI code use for their own waits. A wait that
 * is not listed here has no business in freeport.
 */
public final class Deadlines {
  /** How long forcibly killed processes get to disappear. */
  public static final Duration FORCE_WAIT = Duration.ofSeconds(2);
  /** How long a new child of a watched parent gets to bind the port again. */
  public static final Duration RESPAWN_BIND = Duration.ofSeconds(3);
  /** How often a watched parent's children and the port are looked at. */
  public static final Duration RESPAWN_POLL = Duration.ofMillis(20);
  /** One external command, start to finish: docker, podman, netsh. */
  public static final Duration COMMAND = Duration.ofSeconds(2);
  /** Windows: the short-lived helper that sends a console its Ctrl+C. */
  public static final Duration CONSOLE_HELPER = Duration.ofSeconds(10);
  /** Binding a native library (libc through JNA); past it, what needs it is not done. */
  public static final Duration NATIVE_LOAD = Duration.ofSeconds(5);
  /**
   * One line to the watchdog that resumes a frozen tree if freeport dies; past it, the watchdog
   * (which has stopped reading) is given up and the stop goes on without it.
   */
  public static final Duration WATCHDOG_WRITE = Duration.ofSeconds(1);
  /** One netlink dump of the kernel's bound sockets (Linux sock_diag); past it, they count as not searched. */
  public static final Duration NETLINK_DUMP = Duration.ofSeconds(2);
  /** Opening the terminal (its size, the picker's raw mode); past it, freeport goes on without. */
  public static final Duration TERMINAL_OPEN = Duration.ofSeconds(2);
  /** An answer to the prompt on a stdin that is not a terminal. */
  public static final Duration PIPED_ANSWER = Duration.ofSeconds(10);

  private final Clock clock;
  private final Duration graceful;
  private final Duration watch;

  /**
   * @param graceful how long processes asked to exit get before they are forced
   * @param watch how long to watch a parent that may restart a stopped holder (zero: not at all)
   */
  public Deadlines(Duration graceful, Duration watch, Clock clock) {
    this.graceful = graceful;
    this.watch = watch;
    this.clock = clock;
  }

  /** The deadlines of a stop with these options. */
  public static Deadlines of(StopOptions options, Clock clock) {
    return new Deadlines(options.timeout(), options.watch(), clock);
  }

  public Clock clock() {
    return clock;
  }

  /** How long processes asked to exit get before they are forced. */
  public Duration graceful() {
    return graceful;
  }

  /** How long a parent that may restart a stopped holder is watched; zero for not at all. */
  public Duration watch() {
    return watch;
  }

  /**
   * The longest one stop can wait in all: the graceful timeout, the wait for killed processes,
   * and the watch with the time a respawned child gets to bind.
   */
  public Duration longestStop() {
    Duration watching = watch.isZero() ? Duration.ZERO : watch.plus(RESPAWN_BIND);
    return graceful.plus(FORCE_WAIT).plus(watching);
  }

  /** A point this far from now on this deadline's clock. */
  public Deadline after(Duration d) {
    return new Deadline(clock, clock.nanoTime() + d.toNanos());
  }

  /** One point in time on a clock. */
  public static final class Deadline {
    private final Clock clock;
    private long end;

    Deadline(Clock clock, long end) {
      this.clock = clock;
      this.end = end;
    }

    public boolean passed() {
      return clock.nanoTime() - end >= 0;
    }

    /** Time left, never negative. */
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, end - clock.nanoTime()));
    }

    /** Moves the deadline to at least {@code d} from now, but never past {@code latest}. */
    void extend(Duration d, Deadline latest) {
      long wanted = clock.nanoTime() + d.toNanos();
      end = Math.max(end, Math.min(wanted, latest.end));
    }
  }
}
