package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The regex-free helpers give the answers of the regular expressions they replace (compiling a
 * pattern links lambdas inside the JDK on every run), on fixed cases and on many generated strings
 * over an alphabet of their special characters.
 */
class NoRegexTest {
  private static final String ALPHABET = "ab09 \t\n\u000B\f\r'\"@.\u0085\u2028\u2029\u00A0";

  private static String generated(Random random, int maxLength) {
    StringBuilder b = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  @Test
  void wordsSplitLikeTheWhitespacePattern() {
    for (String s : new String[] {"", " ", "  ", "a", " a", "a ", "\t1000\t1000\t1000\t1000", "1 kB", "a \t\n b  c\f"}) {
      assertArrayEquals(s.split("\\s+"), ProcFiles.words(s), "'" + s + "'");
    }
    Random random = new Random(20261124L);
    for (int i = 0; i < 20_000; i++) {
      String s = generated(random, 12);
      assertArrayEquals(s.split("\\s+"), ProcFiles.words(s), "'" + s + "'");
    }
  }

  @Test
  void quotingAsThePatternDecided() {
    for (String s : new String[] {"a", "a b", "it's", "\"", "a\nb", "a\n\nb", "a\r\nb", "a\u2028b", "a \u2028b", "\n"}) {
      assertEquals(s.matches(".*[\\s'\"].*"), LinuxProcessInspector.needsQuotes(s), "'" + s + "'");
    }
    Random random = new Random(20261125L);
    for (int i = 0; i < 20_000; i++) {
      String s = generated(random, 8);
      assertEquals(s.matches(".*[\\s'\"].*"), LinuxProcessInspector.needsQuotes(s), "'" + s + "'");
    }
  }

  @Test
  void userManagerAsThePatternDecided() {
    for (String s : new String[] {"user@1000.service", "user@.service", "user@0.service", "user@10a.service",
        "user@1000.services", "xuser@1000.service", "user@1000-x.service", "user-1000.slice", "user@.servic"}) {
      assertEquals(s.matches("user@\\d+\\.service"), SystemdUnits.userManager(s), s);
    }
    Random random = new Random(20261126L);
    for (int i = 0; i < 20_000; i++) {
      String s = "user@" + generated(random, 3) + ".service";
      assertEquals(s.matches("user@\\d+\\.service"), SystemdUnits.userManager(s), s);
    }
  }
}
