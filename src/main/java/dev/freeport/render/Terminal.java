package dev.freeport.render;

import java.util.Locale;
import java.util.Map;
import org.fusesource.jansi.Ansi;
import org.fusesource.jansi.AnsiConsole;

/**
 * The output side of the terminal: whether to colour, how wide it is, and the styles. The only
 * class that knows about ANSI escape codes (through Jansi).
 */
public final class Terminal {
  /** The styles freeport uses. */
  public enum Style {
    BOLD, DIM, GOOD, BAD, WARN, PID
  }

  private final boolean colour;
  private final int width;

  private Terminal(boolean colour, int width) {
    this.colour = colour;
    this.width = width;
  }

  /** Plain text, no width limit: for pipes, files and tests. */
  public static Terminal plain() {
    return new Terminal(false, 0);
  }

  /** A terminal of a given width with or without colour (for tests of rendering). */
  public static Terminal of(boolean colour, int width) {
    return new Terminal(colour, width);
  }

  /**
   * Colour only on a terminal, and never with {@code --no-color} or a non-empty NO_COLOR; the
   * width only matters on a terminal.
   */
  public static Terminal detect(boolean isTerminal, boolean noColorFlag, Map<String, String> env) {
    if (!isTerminal) {
      return plain();
    }
    String noColor = env.get("NO_COLOR");
    boolean colour = !noColorFlag && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    return new Terminal(colour, width(env));
  }

  /** On Windows, lets the console understand ANSI sequences (Jansi sets up the console mode). */
  public static void prepareConsole() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")) {
      AnsiConsole.systemInstall();
    }
  }

  private static int width(Map<String, String> env) {
    String columns = env.get("COLUMNS");
    if (columns != null && columns.matches("[0-9]{1,4}")) {
      return Integer.parseInt(columns);
    }
    try {
      return AnsiConsole.getTerminalWidth();
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }

  public boolean colour() {
    return colour;
  }

  /** Columns available, or 0 when unlimited or unknown. */
  public int width() {
    return width;
  }

  public String style(Style style, String text) {
    if (!colour || text.isEmpty()) {
      return text;
    }
    Ansi a = new Ansi();
    switch (style) {
      case BOLD -> a.bold();
      case DIM -> a.a(Ansi.Attribute.INTENSITY_FAINT);
      case GOOD -> a.fg(Ansi.Color.GREEN);
      case BAD -> a.fg(Ansi.Color.RED).bold();
      case WARN -> a.fg(Ansi.Color.YELLOW);
      case PID -> a.fg(Ansi.Color.CYAN);
    }
    return a.a(text).reset().toString();
  }

  /**
   * Text that replaces the current line in place (carriage return, the text, erase to the end of
   * the line), for a status line on a terminal.
   */
  public String overwriteLine(String text) {
    String fitted = fit(text, width > 0 ? width - 1 : 0);
    return "\r" + fitted + new Ansi().eraseLine(Ansi.Erase.FORWARD);
  }

  /** Cuts text to fit {@code room} columns, marking the cut with an ellipsis. */
  public static String fit(String text, int room) {
    if (room <= 0 || text.length() <= room) {
      return text;
    }
    return room <= 3 ? text.substring(0, room) : text.substring(0, room - 3) + "...";
  }
}
