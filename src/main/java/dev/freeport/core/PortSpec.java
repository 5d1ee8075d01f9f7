package dev.freeport.core;

import dev.freeport.core.model.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the PORT grammar: {@code 8080}, {@code 3000-3010} (inclusive), {@code 3000,8080}, and
 * any mix of them. Only ASCII digits; ports 1..65535.
 */
public final class PortSpec {
  /** The widest range accepted in one argument, so a typo cannot select half the port space. */
  public static final int MAX_RANGE = 1024;

  private static final Pattern ITEM = Pattern.compile("([0-9]+)(?:-([0-9]+))?");

  private PortSpec() {}

  /** Parses one argument; throws {@link InvalidInputException} with a one-line reason. */
  public static PortSet parse(String text) {
    if (text.isBlank()) {
      throw new InvalidInputException("empty port: give a number from 1 to 65535, e.g. 8080");
    }
    List<PortSet> parts = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      parts.add(parseItem(raw.strip(), text));
    }
    return PortSet.union(parts);
  }

  private static PortSet parseItem(String item, String whole) {
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      throw new InvalidInputException(
          "invalid port '" + printable(item.isEmpty() ? whole : item)
              + "': use a number from 1 to 65535, a range like 3000-3010, or a list like 3000,8080");
    }
    int from = port(m.group(1));
    if (m.group(2) == null) {
      return PortSet.of(from);
    }
    int to = port(m.group(2));
    if (to < from) {
      throw new InvalidInputException(
          "invalid range '" + item + "': the first port must not be above the second");
    }
    if (to - from + 1 > MAX_RANGE) {
      throw new InvalidInputException(
          "range '" + item + "' spans " + (to - from + 1) + " ports; at most " + MAX_RANGE
              + " are allowed in one range");
    }
    return PortSet.range(from, to);
  }

  private static int port(String digits) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    int value = trimmed.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(trimmed);
    if (value < 1 || value > 65535) {
      throw new InvalidInputException(
          "port " + (trimmed.length() > 12 ? trimmed.substring(0, 12) + "..." : trimmed)
              + " is out of range: ports go from 1 to 65535");
    }
    return value;
  }

  /** Keeps an echoed argument on one line and free of terminal escapes. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(40)
        .forEach(c -> b.appendCodePoint(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c));
    return s.codePointCount(0, s.length()) > 40 ? b + "..." : b.toString();
  }
}
