package dev.freeport.render;

/**
 * Makes text that comes from other processes (names, command lines, user names) safe to print:
 * control characters, escape sequences, bidirectional overrides and line breaks become '?', so
 * nothing another process chose can move the cursor, recolour, or fake a line of output.
 */
public final class Sanitizer {
  private Sanitizer() {}

  public static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad = unsafe(c) || (Character.isSurrogate(c) && !pairedAt(s, i));
      if (bad && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(bad ? '?' : c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static boolean unsafe(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT // bidi overrides, zero-width characters
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
