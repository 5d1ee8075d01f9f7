package dev.freeport.core.text;

/**
 * Makes untrusted text safe to print: what other processes report (names, command lines, user
 * names), and what a user typed when an error line echoes it.
 * Every code point that could move the cursor, recolour, fake a line of output, reorder the text
 * or hide in it becomes '?', so what is printed is what is there:
 *
 * <ul>
 *   <li>controls (C0, C1, DEL), hence every escape sequence, and line or paragraph separators;
 *   <li>format characters: bidirectional overrides and isolates, zero-width spaces and joiners,
 *       the soft hyphen, tag characters (U+E0000..U+E007F);
 *   <li>the other default-ignorable code points, which terminals draw as nothing: Hangul fillers
 *       (U+115F, U+1160, U+3164, U+FFA0), variation selectors, the combining grapheme joiner,
 *       Khmer inherent vowels, Mongolian free variation selectors;
 *   <li>unassigned code points and noncharacters, private-use characters and lone surrogates,
 *       whose width and look no one can know;
 *   <li>a combining mark with nothing before it to combine with, and every nonspacing or
 *       enclosing mark after the {@value #MAX_MARKS}th in a row (a "Zalgo" flood that draws
 *       over the lines around it): the excess of a run becomes a single '?'.
 * </ul>
 */
public final class Printable {
  /** Marks kept on one base character: enough for real scripts (Vietnamese, Hebrew, Indic). */
  static final int MAX_MARKS = 4;
  /** Code points of a user's argument echoed in an error line. */
  static final int ECHO_MAX = 40;

  private Printable() {}

  /**
   * An argument the user gave, to be quoted in a one-line error ({@code invalid port '...'}):
   * {@link #clean cleaned}, so it stays on one line and cannot recolour or move anything, and cut
   * to {@value #ECHO_MAX} code points with {@code ...} after the cut.
   */
  public static String echo(String s) {
    String c = clean(s);
    int count = c.codePointCount(0, c.length());
    return count <= ECHO_MAX ? c : c.substring(0, c.offsetByCodePoints(0, ECHO_MAX)) + "...";
  }

  /** The text with every code point listed above replaced; the same string when nothing is. */
  public static String clean(String s) {
    StringBuilder b = null;
    int marks = 0;
    boolean base = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      String replacement = null;
      if (unsafe(cp)) {
        replacement = "?";
        marks = 0;
        base = false;
      } else if (stacking(cp)) {
        marks++;
        if (!base) {
          replacement = "?";
        } else if (marks > MAX_MARKS) {
          replacement = marks == MAX_MARKS + 1 ? "?" : "";
        }
      } else {
        marks = 0;
        base = true;
      }
      if (replacement != null && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        if (replacement == null) {
          b.append(s, i, next);
        } else {
          b.append(replacement);
        }
      }
      i = next;
    }
    return b == null ? s : b.toString();
  }

  private static boolean unsafe(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE,
          Character.SURROGATE -> true;
      default -> invisible(cp);
    };
  }

  /** Default-ignorable code points that are not format characters: drawn as nothing. */
  private static boolean invisible(int cp) {
    return cp == 0x034F // combining grapheme joiner
        || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
        || cp == 0x17B4 || cp == 0x17B5 // Khmer inherent vowels
        || (cp >= 0x180B && cp <= 0x180F) // Mongolian free variation selectors
        || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0xE0000 && cp <= 0xE0FFF); // tags and variation selectors supplement
  }

  /** Marks drawn on top of the character before them. */
  private static boolean stacking(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
