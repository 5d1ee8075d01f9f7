package dev.freeport.core;

import dev.freeport.core.model.InvalidInputException;

import dev.freeport.core.model.PortSet;
import dev.freeport.core.text.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the PORT grammar: {@code 8080}, {@code 3000-3010} (inclusive), {@code 3000,8080}, and
 * any mix of them. Only ASCII digits; ports 1..65535.
 */
public final class PortSpec {
  /** The widest range accepted in one argument, so a typo cannot select half the port space. */
  public static final int MAX_RANGE = 1024;

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
    // NUMBER or NUMBER-NUMBER, ASCII digits only.
    int dash = item.indexOf('-');
    String first = dash < 0 ? item : item.substring(0, dash);
    String second = dash < 0 ? null : item.substring(dash + 1);
    if (!digits(first) || (second != null && !digits(second))) {
      throw new InvalidInputException(
          "invalid port '" + Printable.echo(item.isEmpty() ? whole : item)
              + "': use a number from 1 to 65535, a range like 3000-3010, or a list like 3000,8080");
    }
    int from = port(first);
    if (second == null) {
      return PortSet.of(from);
    }
    int to = port(second);
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

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static int port(String digits) {
    int zeros = 0;
    while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
      zeros++; // leading zeros, keeping one digit
    }
    String trimmed = digits.substring(zeros);
    int value = trimmed.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(trimmed);
    if (value < 1 || value > 65535) {
      throw new InvalidInputException(
          "port " + (trimmed.length() > 12 ? trimmed.substring(0, 12) + "..." : trimmed)
              + " is out of range: ports go from 1 to 65535");
    }
    return value;
  }
}
