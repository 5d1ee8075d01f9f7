package dev.freeport.core.model;

/** The final state of one requested port, ordered from best to worst. */
public enum PortOutcome {
  /** Nothing held the port. */
  FREE("free"),
  /** Its holders were stopped and the port is now free. */
  FREED("freed"),
  /** Dry run: something holds the port. */
  HELD("held"),
  /** The user declined; nothing was touched. */
  DECLINED("declined"),
  /** Still held after stopping (a holder survived or the bind still fails). */
  STILL_BUSY("still-busy"),
  /** Held again by a new process: something restarted the holder. */
  RESPAWNED("respawned"),
  /** A holder could not be signalled: not permitted. */
  DENIED("permission-denied"),
  /** The holder cannot be seen without more privileges. */
  HIDDEN("owner-hidden"),
  /** A holder may never be stopped (freeport itself, its parent chain, a system process). */
  REFUSED("refused");

  private final String label;

  PortOutcome(String label) {
    this.label = label;
  }

  /** Stable name used in text and JSON output. */
  public String label() {
    return label;
  }

  /** True when the port is (now) free. */
  public boolean free() {
    return this == FREE || this == FREED;
  }
}
