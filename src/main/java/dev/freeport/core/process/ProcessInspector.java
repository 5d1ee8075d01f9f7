package dev.freeport.core.process;

import dev.freeport.core.model.ProcessInfo;
import java.util.Optional;

/** Reads facts about processes, one implementation per platform. */
public interface ProcessInspector {

  /** Every visible process with its parent and start time, read in one pass. */
  ProcessTable snapshot();

  /** Facts about one process; empty when it no longer exists. */
  Optional<ProcessInfo> describe(long pid);
}
