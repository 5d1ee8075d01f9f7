package dev.freeport.core.kill;

import java.util.Locale;

/** How one process ended up, after freeport tried to stop it. */
public enum StopMethod {
  /** It exited after the graceful request. */
  GRACEFUL,
  /** It had to be killed. */
  FORCED,
  /** It had already exited before it was signalled. */
  GONE,
  /** freeport was not permitted to signal it. */
  DENIED,
  /** It was still running after the forced kill (e.g. stuck in the kernel). */
  SURVIVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the process no longer runs. */
  public boolean ended() {
    return this == GRACEFUL || this == FORCED || this == GONE;
  }
}
