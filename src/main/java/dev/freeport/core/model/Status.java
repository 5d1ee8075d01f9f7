package dev.freeport.core.model;

import java.util.Collection;

/**
 * What a port's outcome means to a script: the exit code it contributes, and how bad it is
 * when several ports are reported at once (the worst decides the run's exit code).
 */
public enum Status {
  FREE(0, 0),
  DECLINED(3, 1),
  BUSY(1, 2),
  UNVERIFIED(6, 3),
  PERMISSION(4, 4),
  REFUSED(5, 5),
  INTERRUPTED(130, 6);

  private final int exitCode;
  private final int severity;

  Status(int exitCode, int severity) {
    this.exitCode = exitCode;
    this.severity = severity;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Higher is worse; written out here rather than taken from the declaration order. */
  public int severity() {
    return severity;
  }

  /** The worst of several; FREE for none. */
  public static Status worst(Collection<Status> all) {
    Status worst = FREE;
    for (Status s : all) {
      if (s.severity > worst.severity) {
        worst = s;
      }
    }
    return worst;
  }
}
