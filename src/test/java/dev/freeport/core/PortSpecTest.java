package dev.freeport.core;

import dev.freeport.core.model.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.PortSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortSpecTest {

  /** The grammar of one item as the regex it was written as; the parser reads it by hand, and must agree. */
  static final java.util.regex.Pattern ITEM = java.util.regex.Pattern.compile("([0-9]+)(?:-([0-9]+))?");

  @org.junit.jupiter.api.Test
  void acceptsExactlyTheGrammar() {
    java.util.Random random = new java.util.Random(20261124L);
    String alphabet = "0123456789--,, \t+x\u0660";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      boolean grammar = !text.isBlank();
      for (String item : text.split(",", -1)) {
        grammar &= ITEM.matcher(item.strip()).matches();
      }
      String message;
      try {
        PortSpec.parse(text);
        message = null;
      } catch (dev.freeport.core.model.InvalidInputException e) {
        message = e.getMessage();
      }
      boolean syntaxError = message != null && (message.startsWith("invalid port") || message.startsWith("empty port"));
      // Outside the grammar: refused (a range error may come first); inside: never a syntax error.
      org.junit.jupiter.api.Assertions.assertTrue(grammar ? !syntaxError : message != null, "[" + text + "]: " + message);
    }
  }


  private static List<Integer> ports(String spec) {
    return PortSpec.parse(spec).stream().boxed().toList();
  }

  @Test
  void singlePort() {
    assertEquals(List.of(8080), ports("8080"));
    assertEquals(List.of(1), ports("1"));
    assertEquals(List.of(65535), ports("65535"));
  }

  @Test
  void rangesAreInclusive() {
    assertEquals(List.of(3000, 3001, 3002), ports("3000-3002"));
    assertEquals(List.of(5), ports("5-5"));
  }

  @Test
  void listsAndMixesAreUnitedAndSorted() {
    assertEquals(List.of(3000, 3001, 3002, 8080), ports("8080,3000-3002"));
    assertEquals(List.of(80, 443), ports("443, 80, 443"));
  }

  @Test
  void leadingZerosAreTheSamePort() {
    assertEquals(List.of(8080), ports("08080"));
  }

  @Test
  void aRangeAsWideAsTheBoundIsAccepted() {
    assertEquals(PortSpec.MAX_RANGE, PortSpec.parse("1-" + PortSpec.MAX_RANGE).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", " ", "0", "65536", "99999999999999999999", "-1", "-80", "80-", "-", "a", "80a", "8o8o",
    "80.5", "1e3", "0x50", "+80", "80,", ",80", "80,,81", "3010-3000", "1-65535", "80--81",
    "80-81-82", "\u0668\u0660\u0668\u0660", "\uff18\uff10", "80 81", "８０", "\u001b[31m80",
    "0-10", "65535-65536"
  })
  void badFormsAreRefusedWithOneLine(String bad) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PortSpec.parse(bad));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
  }

  @Test
  void tooWideRangeSaysTheBound() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PortSpec.parse("1000-5000"));
    assertTrue(e.getMessage().contains("4001 ports"), e.getMessage());
    assertTrue(e.getMessage().contains(Integer.toString(PortSpec.MAX_RANGE)), e.getMessage());
  }

  @Test
  void prefixOfAnotherPortDoesNotMatch() {
    PortSet s = PortSpec.parse("3000");
    assertTrue(s.matches(3000));
    assertFalse(s.matches(30001));
    assertFalse(s.matches(300));
  }
}
