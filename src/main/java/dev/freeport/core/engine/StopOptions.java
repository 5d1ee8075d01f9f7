package dev.freeport.core.engine;

import dev.freeport.core.model.GracefulSignal;
import java.time.Duration;

/**
 * How a confirmed plan is stopped.
 *
 * @param timeout how long to wait for graceful exits before forcing
 * @param force skip the graceful request
 * @param graceful how to ask processes to exit ({@code --signal})
 * @param watch how long to watch a parent that may restart a stopped holder (zero: not at all)
 */
public record StopOptions(Duration timeout, boolean force, GracefulSignal graceful, Duration watch) {
  /** The defaults of the command line: 5 s, SIGTERM, a 3 s watch. */
  public static final StopOptions DEFAULT =
      new StopOptions(Duration.ofSeconds(5), false, GracefulSignal.TERM, Duration.ofSeconds(3));
}
