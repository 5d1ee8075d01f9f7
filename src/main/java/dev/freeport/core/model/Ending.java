package dev.freeport.core.model;

/** How one process ended up after freeport tried to stop it. */
public enum Ending {
  /** It exited after the graceful request (SIGTERM, WM_CLOSE, Ctrl+C). */
  EXITED_ON_REQUEST("graceful"),
  /** It was killed (SIGKILL, TerminateProcess). */
  KILLED("forced"),
  /** It had exited by itself before freeport signalled it. */
  ALREADY_EXITED("gone"),
  /** freeport was not permitted to signal it; it still runs. */
  NOT_PERMITTED("denied"),
  /** It still ran after the forced kill (stuck in the kernel, for instance). */
  SURVIVED_KILL("survived");

  private final String label;

  Ending(String label) {
    this.label = label;
  }

  /** The stable name used in JSON ({@code method}). */
  public String label() {
    return label;
  }

  /** True when the process no longer runs. */
  public boolean ended() {
    return this == EXITED_ON_REQUEST || this == KILLED || this == ALREADY_EXITED;
  }
}
