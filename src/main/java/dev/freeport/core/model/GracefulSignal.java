package dev.freeport.core.model;

import dev.freeport.core.text.Printable;
import java.util.Locale;

/**
 * How a process is asked to exit before it is forced: a Unix signal, or on Windows a window
 * close or a console control event. The forced step is always SIGKILL / TerminateProcess.
 */
public enum GracefulSignal {
  /** SIGTERM; on Windows: WM_CLOSE to its windows, else Ctrl+C to its console. */
  TERM("TERM"),
  /** SIGINT, as Ctrl+C at a terminal (servers that drain on it); on Windows: Ctrl+C. */
  INT("INT"),
  HUP("HUP"),
  QUIT("QUIT"),
  USR1("USR1"),
  USR2("USR2"),
  /** Windows: WM_CLOSE to the process's top-level windows only. */
  CLOSE("close"),
  /** Windows: Ctrl+C to the process's console only. */
  CTRL_C("ctrl-c"),
  /** Windows: Ctrl+Break to the process's console (a JVM prints a thread dump instead). */
  CTRL_BREAK("ctrl-break");

  private final String label;

  GracefulSignal(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A name as users write it: TERM, SIGTERM, term; close, ctrl-c, ctrl-break. */
  public static GracefulSignal parse(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    for (GracefulSignal s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    throw new InvalidInputException("unknown signal '" + Printable.echo(name)
        + "': use TERM, INT, HUP, QUIT, USR1 or USR2 (Windows: close, ctrl-c, ctrl-break)");
  }
}
