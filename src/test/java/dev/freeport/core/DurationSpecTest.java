package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSpecTest {

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
  @ValueSource(strings = {"", "s", "5x", "-1", "5 s", "1h", "61m", "1e3", "five", "5ms5", "9999999999", ".5", "5."})
  void garbageIsRefused(String bad) {
    assertThrows(InvalidInputException.class, () -> DurationSpec.parse(bad));
  }
}
