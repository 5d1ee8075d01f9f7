package dev.freeport.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The container-name rule, written as a loop, against the regex Docker documents. */
class ContainerLookupTest {
  private static final Pattern DOCKER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  @Test
  void containerNamesFollowDockersRule() {
    Random random = new Random(20261124L);
    String alphabet = "aZ09_.-x ;$`'\"/\u00e9\u0660";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(10) == 0 ? 120 + random.nextInt(20) : random.nextInt(8);
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = b.toString();
      assertEquals(DOCKER.matcher(name).matches(), ContainerLookup.dockerName(name), "[" + name + "]");
    }
  }
}
