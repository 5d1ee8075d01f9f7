package dev.freeport.core;

import dev.freeport.core.model.InvalidInputException;
import dev.freeport.core.text.Printable;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses durations such as {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 1m}, {@code 1h} or bare
 * seconds, up to {@link #MAX} inclusive, to the millisecond (finer digits are dropped).
 */
public final class DurationSpec {
  /** The longest accepted duration. */
  public static final Duration MAX = Duration.ofHours(1);

  private DurationSpec() {}

  public static Duration parse(String text) {
    // The form: 1 to 9 digits, optionally a point and 1 to 6 digits, optionally ms, s, m or h.
    String s = text.strip();
    int whole = digits(s, 0);
    int end = whole;
    if (end < s.length() && s.charAt(end) == '.') {
      int fraction = digits(s, end + 1) - (end + 1);
      end = fraction >= 1 && fraction <= 6 ? end + 1 + fraction : -1;
    }
    String unit = end < 0 ? null : s.substring(end);
    if (whole < 1 || whole > 9 || unit == null
        || !(unit.isEmpty() || unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h"))) {
      throw new InvalidInputException(
          "invalid duration '" + Printable.echo(text)
              + "': use e.g. 500ms, 5s, 1m, 1h, or a number of seconds");
    }
    String number = s.substring(0, end);
    BigDecimal millis = new BigDecimal(number).multiply(BigDecimal.valueOf(switch (unit) {
      case "ms" -> 1;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 1_000;
    }));
    if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
      throw new InvalidInputException("duration '" + Printable.echo(text.strip())
          + "' is too long: at most 1h (3600s)");
    }
    return Duration.ofMillis(millis.longValue());
  }

  /** The index after the ASCII digits that start at {@code from}. */
  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
