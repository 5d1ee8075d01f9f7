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

  /** Columns assumed for a line rewritten in place when the terminal does not say its width. */
  static final int FALLBACK_WIDTH = 80;

  private final boolean colour;
  private final int width;
  private final boolean rewritable;

  private Terminal(boolean colour, int width, boolean rewritable) {
    this.colour = colour;
    this.width = width;
    this.rewritable = rewritable;
  }

  /** Plain text, no width limit: for pipes, files and tests. */
  public static Terminal plain() {
    return new Terminal(false, 0, false);
  }

  /**
   * A terminal of a given width (0: unknown) with or without colour that understands cursor
   * movement (for tests of rendering).
   */
  public static Terminal of(boolean colour, int width) {
    return new Terminal(colour, width, true);
  }

  /**
   * Colour only on a terminal, and never with {@code --no-color} or a non-empty NO_COLOR; the
   * width only matters on a terminal. {@code TERM=dumb} means no escape sequences at all: no
   * colour and no line rewritten in place.
   */
  public static Terminal detect(boolean isTerminal, boolean noColorFlag, Map<String, String> env) {
    if (!isTerminal) {
      return plain();
    }
    boolean dumb = "dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    boolean colour = !noColorFlag && (noColor == null || noColor.isEmpty()) && !dumb;
    return new Terminal(colour, width(env), !dumb);
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

  /**
   * Whether a line can be rewritten in place ({@link #overwriteLine}): a terminal that is not
   * {@code TERM=dumb}.
   */
  public boolean rewritable() {
    return rewritable;
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
   * Text that replaces the current line in place (carriage return, the text cut to one column less
   * than the width so the terminal never wraps, erase to the end of the line), for a status line.
   * Only for a {@link #rewritable()} terminal.
   */
  public String overwriteLine(String text) {
    int columns = width > 0 ? width : FALLBACK_WIDTH;
    return "\r" + fit(text, columns - 1) + new Ansi().eraseLine(Ansi.Erase.FORWARD);
  }

  /**
   * Cuts text to fit {@code room} columns (0: no limit), marking the cut with an ellipsis. Counts
   * columns, not chars: East Asian wide characters take two, combining marks none, and a
   * surrogate pair is never split.
   */
  public static String fit(String text, int room) {
    if (room <= 0 || columns(text) <= room) {
      return text;
    }
    String mark = room <= 3 ? "" : "...";
    int budget = room - mark.length();
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int w = columns(cp);
      if (used + w > budget) {
        break;
      }
      used += w;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + mark;
  }

  /** The columns text takes on a terminal (see {@link #fit}). */
  public static int columns(String text) {
    return text.codePoints().map(Terminal::columns).sum();
  }

  private static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT || type == Character.CONTROL) {
      return 0;
    }
    return wide(cp) ? 2 : 1;
  }

  /** East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two columns wide. */
  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0x303E)
        || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
