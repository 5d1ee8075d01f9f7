package dev.freeport.core.engine;

import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.process.Supervisors;
import java.time.Duration;
import java.util.List;

/** Hears about a stop's phases, e.g. to show a status line. */
public interface StopProgress {
  StopProgress NONE = new StopProgress() {};

  /** The graceful request went to these processes; they get this long to exit. */
  default void waiting(List<ProcessRef> running, Duration timeout) {}

  /** These are about to be frozen and killed. */
  default void forcing(List<ProcessRef> left) {}

  /** These parents, which may restart what was stopped, are watched for up to {@code window}. */
  default void watching(List<Supervisors.Parent> parents, Duration window) {}
}
