package dev.freeport.core;

import dev.freeport.core.model.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSpecTest {

  /** The grammar as the regex it was written as; the parser reads it by hand, and must agree. */
  static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,6})?)(ms|s|m|h)?");

  @Test
  void acceptsExactlyTheGrammar() {
    java.util.Random random = new java.util.Random(20261124L);
    String alphabet = "0123456789..msh \t-+e\u0660";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(14); k > 0; k--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      boolean grammar = FORM.matcher(text.strip()).matches();
      boolean parsed;
      try {
        DurationSpec.parse(text);
        parsed = true;
      } catch (InvalidInputException e) {
        parsed = !e.getMessage().startsWith("invalid duration"); // too long, yet in the grammar
      }
      assertEquals(grammar, parsed, "[" + text + "]");
    }
  }

  @Test
  void unitsAndBareSeconds() {
    assertEquals(Duration.ofMillis(500), DurationSpec.parse("500ms"));
    assertEquals(Duration.ofSeconds(5), DurationSpec.parse("5s"));
    assertEquals(Duration.ofSeconds(5), DurationSpec.parse("5"));
    assertEquals(Duration.ofMillis(1500), DurationSpec.parse("1.5s"));
    assertEquals(Duration.ofMinutes(1), DurationSpec.parse("1m"));
    assertEquals(Duration.ZERO, DurationSpec.parse("0"));
    assertEquals(Duration.ofHours(1), DurationSpec.parse("60m"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1h", "60m", "3600", "3600s", "3600.000s", "3600000ms", "1.0h", " 1h "})
  void oneHourIsTheLongestAccepted(String hour) {
    assertEquals(DurationSpec.MAX, DurationSpec.parse(hour));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3600.000001", "3600001ms", "60.000001m", "1.000001h", "2h", "61m", "999999999h"})
  void longerThanAnHourSaysTheLimit(String tooLong) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DurationSpec.parse(tooLong));
    assertEquals("duration '" + tooLong + "' is too long: at most 1h (3600s)", e.getMessage());
  }

  @Test
  void fractionsOfAnHour() {
    assertEquals(Duration.ofMinutes(30), DurationSpec.parse("0.5h"));
    assertEquals(Duration.ofMillis(3), DurationSpec.parse("0.000001h"), "3.6 ms, to the millisecond");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "5x", "-1", "5 s", "h", "1hh", "1 h", "1H", "1e3", "five", "5ms5", "9999999999", ".5", "5."})
  void garbageIsRefused(String bad) {
    assertThrows(InvalidInputException.class, () -> DurationSpec.parse(bad));
  }
}
