package dev.freeport.core.engine;

import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.List;

/** Hears about a stop's phases, e.g. to show a status line. */
public interface StopProgress {
  StopProgress NONE = new StopProgress() {};

  /** The graceful request went to these processes; they get this long to exit. */
  default void waiting(List<ProcessRef> running, Duration timeout) {}

  /** These are about to be frozen and killed. */
  default void forcing(List<ProcessRef> left) {}
}
