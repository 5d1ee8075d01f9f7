package dev.freeport.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SanitizerTest {

  @Test
  void plainTextIsUntouched() {
    String s = "node /home/ünïcode/app.js --port 8080 日本";
    assertSame(s, Sanitizer.clean(s));
  }

  @Test
  void escapeSequencesAndControlsBecomeQuestionMarks() {
    assertEquals("?[31mred?[0m", Sanitizer.clean("\u001b[31mred\u001b[0m"));
    assertEquals("a?b?c?d", Sanitizer.clean("a\nb\rc\td"));
    assertEquals("?]0;title?", Sanitizer.clean("\u001b]0;title\u0007"));
    assertEquals("x?y", Sanitizer.clean("x\u009by")); // C1 CSI
    assertEquals("x?y", Sanitizer.clean("x\u007fy"));
  }

  @Test
  void bidiOverridesAndLineSeparatorsAreRemoved() {
    assertEquals("evil?txt.exe", Sanitizer.clean("evil\u202etxt.exe"));
    assertEquals("a?b", Sanitizer.clean("a\u2028b"));
    assertEquals("a?b", Sanitizer.clean("a\u200bb"));
  }

  @Test
  void loneSurrogatesAreReplacedButPairsKept() {
    assertEquals("a?b", Sanitizer.clean("a\ud800b"));
    assertEquals("😀", Sanitizer.clean("😀"));
  }
}
