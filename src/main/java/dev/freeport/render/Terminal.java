package dev.freeport.render;

import java.util.Locale;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jline.jansi.Ansi;
import org.jline.jansi.AnsiConsole;
import org.jline.terminal.Attributes;
import dev.freeport.core.engine.Deadlines;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;
import org.jline.utils.WCWidth;

/**
 * The terminal: whether to colour, how wide it is, the styles, and a full-screen interactive
 * {@link Screen}. The only class that knows about ANSI escape codes and the terminal library
 * (JLine, with its maintained Jansi).
 */
public final class Terminal {
  /** The styles freeport uses. */
  public enum Style {
    BOLD, DIM, GOOD, BAD, WARN, PID, SELECTED
  }

  /** Columns assumed for a line rewritten in place when the terminal does not say its width. */
  static final int FALLBACK_WIDTH = 80;

  private final boolean colour;
  /** Columns, or -1 until first asked: finding them out opens the terminal, which takes tens of ms. */
  private int width;
  private final Map<String, String> env;
  private final boolean rewritable;

  private Terminal(boolean colour, int width, boolean rewritable) {
    this(colour, width, rewritable, Map.of());
  }

  private Terminal(boolean colour, int width, boolean rewritable, Map<String, String> env) {
    this.env = env;
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
    return new Terminal(colour, -1, !dumb, env);
  }

  /** On Windows, lets the console understand ANSI sequences (Jansi sets up the console mode). */
  public static void prepareConsole() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")) {
      AnsiConsole.systemInstall();
    }
  }

  /** 1 to 4 ASCII digits. */
  private static boolean isSmallNumber(String s) {
    if (s.isEmpty() || s.length() > 4) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int width(Map<String, String> env) {
    String columns = env.get("COLUMNS");
    if (columns != null && isSmallNumber(columns)) {
      return Integer.parseInt(columns);
    }
    // Opened and closed at once: JLine allows one system terminal at a time, and the picker needs it.
    try (org.jline.terminal.Terminal t = open(true)) {
      return Math.max(0, t.getWidth());
    } catch (IOException | RuntimeException | LinkageError e) {
      return 0;
    }
  }

  public boolean colour() {
    return colour;
  }

  /** Columns available, or 0 when unlimited or unknown. */
  public synchronized int width() {
    if (width < 0) {
      width = width(env);
    }
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
      case SELECTED -> a.a(Ansi.Attribute.NEGATIVE_ON);
    }
    return a.a(text).reset().toString();
  }

  /**
   * Text that replaces the current line in place (carriage return, the text cut to one column less
   * than the width so the terminal never wraps, erase to the end of the line), for a status line.
   * Only for a {@link #rewritable()} terminal.
   */
  public String overwriteLine(String text) {
    int columns = width() > 0 ? width() : FALLBACK_WIDTH;
    return "\r" + fit(text, columns - 1) + new Ansi().eraseLine(Ansi.Erase.FORWARD);
  }

  /**
   * Cuts text to fit {@code room} columns (0: no limit), marking the cut with an ellipsis. Counts
   * columns, not chars: East Asian wide characters and emoji take two, combining marks and
   * zero-width characters none, and a surrogate pair is never split.
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
    int sum = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      sum += columns(cp);
      i += Character.charCount(cp);
    }
    return sum;
  }

  /** JLine's wcwidth (Markus Kuhn's, with the emoji blocks); a control, which it calls -1, takes none. */
  private static int columns(int cp) {
    return Math.max(0, WCWidth.wcwidth(cp));
  }

  /** A key pressed in a {@link Screen}. */
  public sealed interface Key {
    /** A printable character. */
    record Text(char c) implements Key {}

    /** Everything else the picker reacts to, and what reading can end with instead of a key. */
    enum Special implements Key {
      UP, DOWN, PAGE_UP, PAGE_DOWN, ENTER, ESCAPE, BACKSPACE, SPACE, INTERRUPT, TIMEOUT, CLOSED, IGNORED
    }
  }

  /**
   * Takes over the terminal for a full-screen view: the alternate screen, no cursor, raw keys.
   * Close it to give the terminal back as it was (also on Ctrl+C, which arrives as a key).
   */
  public static Screen openScreen() throws IOException {
    return new Screen(open(false));
  }

  /**
   * The system terminal, opened within {@link Deadlines#TERMINAL_OPEN}: JLine asks the terminal
   * (stty, a native call) and would wait as long as that takes, on a terminal that never answers.
   *
   * @throws IOException when it cannot be opened in time
   */
  static org.jline.terminal.Terminal open(boolean dumb) throws IOException {
    java.util.concurrent.CompletableFuture<org.jline.terminal.Terminal> opened = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(new Runnable() {
      @Override
      public void run() {
        try {
          opened.complete(TerminalBuilder.builder().system(true).dumb(dumb).build());
        } catch (Throwable e) {
          opened.completeExceptionally(e);
        }
      }
    }, "freeport-terminal");
    t.setDaemon(true);
    t.start();
    try {
      return opened.get(Deadlines.TERMINAL_OPEN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      opened.thenAccept(new java.util.function.Consumer<org.jline.terminal.Terminal>() {
        @Override
        public void accept(org.jline.terminal.Terminal late) {
          try {
            late.close(); // opened after all: give it back
          } catch (IOException ignored) {
            // nothing more to do
          }
        }
      });
      throw new IOException("the terminal did not answer within " + Deadlines.TERMINAL_OPEN.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening the terminal");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** A full-screen view of the terminal; see {@link #openScreen()}. */
  public static final class Screen implements AutoCloseable {
    /** How long the rest of an escape sequence may take to arrive after ESC. */
    private static final long SEQUENCE_MILLIS = 40;
    private final org.jline.terminal.Terminal term;
    private final Attributes saved;
    private final NonBlockingReader in;

    private Screen(org.jline.terminal.Terminal term) {
      this.term = term;
      this.saved = term.enterRawMode();
      this.in = term.reader();
      term.writer().print("\033[?1049h\033[?25l");
      term.flush();
    }

    public int width() {
      return Math.max(1, term.getWidth());
    }

    public int height() {
      return Math.max(1, term.getHeight());
    }

    /** Draws these lines from the top, each already cut to the width, and clears the rest. */
    public void show(List<String> lines) {
      StringBuilder b = new StringBuilder("\033[H");
      for (int i = 0; i < lines.size(); i++) {
        b.append(lines.get(i)).append("\033[K");
        if (i < lines.size() - 1) {
          b.append("\r\n");
        }
      }
      term.writer().print(b.append("\033[J"));
      term.flush();
    }

    /** The next key, or {@link Key.Special#TIMEOUT} after {@code millis}. */
    public Key read(long millis) {
      try {
        int c = in.read(Math.max(1, millis));
        if (c == NonBlockingReader.READ_EXPIRED) {
          return Key.Special.TIMEOUT;
        }
        if (c < 0) {
          return Key.Special.CLOSED;
        }
        return switch (c) {
          case 3 -> Key.Special.INTERRUPT;
          case '\r', '\n' -> Key.Special.ENTER;
          case 127, 8 -> Key.Special.BACKSPACE;
          case ' ' -> Key.Special.SPACE;
          case 27 -> escape();
          default -> c >= 32 ? new Key.Text((char) c) : Key.Special.IGNORED;
        };
      } catch (IOException e) {
        return Key.Special.CLOSED;
      }
    }

    /** ESC alone, or the rest of an arrow or page key's sequence (ESC [ A, ESC O B, ESC [ 5 ~). */
    private Key escape() throws IOException {
      int c = in.read(SEQUENCE_MILLIS);
      if (c == NonBlockingReader.READ_EXPIRED || c < 0) {
        return Key.Special.ESCAPE;
      }
      if (c != '[' && c != 'O') {
        return Key.Special.IGNORED;
      }
      int d = in.read(SEQUENCE_MILLIS);
      return switch (d) {
        case 'A' -> Key.Special.UP;
        case 'B' -> Key.Special.DOWN;
        case '5' -> in.read(SEQUENCE_MILLIS) == '~' ? Key.Special.PAGE_UP : Key.Special.IGNORED;
        case '6' -> in.read(SEQUENCE_MILLIS) == '~' ? Key.Special.PAGE_DOWN : Key.Special.IGNORED;
        default -> Key.Special.IGNORED;
      };
    }

    @Override
    public void close() {
      term.writer().print("\033[?25h\033[?1049l");
      term.flush();
      term.setAttributes(saved);
      try {
        term.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
