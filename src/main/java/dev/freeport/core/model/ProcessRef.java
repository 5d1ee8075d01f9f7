package dev.freeport.core.model;

/**
 * The identity of one process: its PID and its start time, so that a PID reused by another
 * process is never mistaken for the one that was found.
 *
 * @param pid the process id
 * @param startTime the start time in the platform's own exact unit (clock ticks since boot on
 *     Linux, epoch milliseconds elsewhere); only ever compared with values read the same way
 */
public record ProcessRef(long pid, long startTime) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessRef other && other.pid == pid && other.startTime == startTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(pid) * 31 + Long.hashCode(startTime);
  }

  /**
   * Whether this process may be {@code child}'s parent: it started no later. A child that started
   * first names, by its parent pid, an earlier process that had the pid (Windows never re-parents
   * an orphan, so a dead parent's pid may come to name an unrelated process).
   */
  public boolean canBeParentOf(ProcessRef child) {
    return startTime <= child.startTime;
  }
}
