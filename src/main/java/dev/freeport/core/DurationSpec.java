package dev.freeport.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations such as {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 1m}, {@code 1h} or bare
 * seconds, up to {@link #MAX} inclusive, to the millisecond (finer digits are dropped).
 */
public final class DurationSpec {
  /** The longest accepted duration. */
  public static final Duration MAX = Duration.ofHours(1);

  private static final Pattern FORM = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,6})?)(ms|s|m|h)?");

  private DurationSpec() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidInputException(
          "invalid duration '" + PortSpec.printable(text)
              + "': use e.g. 500ms, 5s, 1m, 1h, or a number of seconds");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(switch (unit) {
      case "ms" -> 1;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 1_000;
    }));
    if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
      throw new InvalidInputException("duration '" + PortSpec.printable(text.strip())
          + "' is too long: at most 1h (3600s)");
    }
    return Duration.ofMillis(millis.longValue());
  }
}
