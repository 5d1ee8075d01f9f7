package dev.freeport.core.port;

import dev.freeport.core.model.ProcessTable;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import java.util.List;
import java.util.Optional;

/** Reads facts about processes, one implementation per platform. */
public interface ProcessInspector {

  /** Every visible process with its parent and start time, read in one pass. */
  ProcessTable snapshot();

  /** Facts about one process; empty when it no longer exists. */
  Optional<ProcessInfo> describe(long pid);

  /** The identity of the process that has this pid now; empty when none runs (or a zombie). */
  Optional<ProcessRef> identify(long pid);

  /** True while exactly this process (same pid and start time) runs; false once it has exited. */
  default boolean isRunning(ProcessRef p) {
    return identify(p.pid()).equals(Optional.of(p));
  }

  /**
   * False only when this exact process is known to be running or sleeping, so SIGCONT would
   * change nothing; true when it is stopped or the platform does not tell.
   */
  default boolean mayBeStopped(ProcessRef p) {
    return true;
  }

  /**
   * A process's place in job control: its process group, session and controlling terminal (0
   * for none). An interactive shell puts each job in a group of its own on its terminal.
   */
  record Job(long group, long session, long tty) {}

  /** Job-control facts of a process; empty where the platform does not tell. */
  default Optional<Job> job(long pid) {
    return Optional.empty();
  }

  /**
   * One variable of the environment the process started with (supervisord and pm2 name their
   * programs there); empty when unknown or unreadable.
   */
  default Optional<String> environment(long pid, String name) {
    return Optional.empty();
  }

  /** The process's control-group file (Linux /proc/PID/cgroup); empty where there is none. */
  default Optional<String> cgroup(long pid) {
    return Optional.empty();
  }

  /** The parent chain of a process, nearest first. */
  default List<Long> ancestors(long pid) {
    return snapshot().ancestors(pid);
  }

  /** The processes whose parent is this exact process. */
  default List<ProcessRef> children(ProcessRef parent) {
    ProcessTable t = snapshot();
    return t.contains(parent) ? t.children(parent.pid()) : List.of();
  }
}
