package dev.freeport.core.port;

import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Delivers signals and waits for processes to exit, one implementation per platform. It only
 * delivers: which process may be signalled, and whether the process holding a pid is still the
 * one shown, is decided before delivery by the engine's {@code SignalGate}. {@link #hold} and
 * delivery may happen on another thread while {@link #awaitExit} waits (an interrupted run
 * finishing its kill). Close it to release any handles it holds.
 */
public interface Terminator extends AutoCloseable {

  /** What to ask of a process. */
  enum Action {
    /** Ask it to exit cleanly (SIGTERM on Unix). */
    GRACEFUL,
    /** Make it exit now (SIGKILL, TerminateProcess). */
    FORCE,
    /** Stop it from running, so it cannot fork while its tree is taken (SIGSTOP). */
    FREEZE,
    /** Let a stopped process run, so a pending graceful signal is acted on (SIGCONT). */
    RESUME
  }

  /** What came of a signal. */
  enum Delivery {
    DELIVERED,
    /** The process had already exited (or its PID now belongs to another process). */
    GONE,
    /** Not permitted: another user's process without the privilege to signal it. */
    DENIED,
    /** The platform has no such action; nothing was done. */
    UNSUPPORTED,
    /** The plan does not hold this process: nothing was sent (only the engine's gate says this). */
    NOT_PLANNED
  }

  /** A process taken by its pid, to deliver actions to. */
  interface Held {
    Delivery deliver(Action action);
  }

  /**
   * Takes hold of the process that has this pid now, so that a check of its identity made after
   * this call and the delivery address the same process: a handle where the platform has one
   * (Windows; the JDK's {@code ProcessHandle}, whose kill compares its start time natively),
   * otherwise the pid alone. Sends nothing. For a pid no process has, or one the caller may not
   * open, the result delivers nothing and answers GONE or DENIED.
   */
  Held hold(long pid);

  /**
   * Waits until every given process has exited or the timeout passes, reacting to each exit
   * within a few milliseconds.
   *
   * @return the processes still running when it returned
   */
  Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout);

  /** False where the platform has no graceful stop yet, so the graceful wait is skipped. */
  default boolean supportsGraceful() {
    return true;
  }

  @Override
  default void close() {}
}
