package dev.freeport.core.model;

import java.util.Locale;

/** Transport protocol of a socket. */
public enum Protocol {
  TCP,
  UDP;

  /** Lower-case name as used in output: {@code tcp} or {@code udp}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
