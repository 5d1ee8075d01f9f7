package dev.freeport.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rule for printing untrusted text: names and command lines from other processes
 * ({@link Printable#clean}), and a user's argument echoed in an
 * error line ({@link Printable#echo}).
 */
class PrintableTest {

  @Test
  void plainTextIsUntouched() {
    String s = "node /home/ünïcode/app.js --port 8080 日本";
    assertSame(s, Printable.clean(s));
  }

  @Test
  void escapeSequencesAndControlsBecomeQuestionMarks() {
    assertEquals("?[31mred?[0m", Printable.clean("\u001b[31mred\u001b[0m"));
    assertEquals("a?b?c?d", Printable.clean("a\nb\rc\td"));
    assertEquals("?]0;title?", Printable.clean("\u001b]0;title\u0007"));
    assertEquals("x?y", Printable.clean("x\u009by")); // C1 CSI
    assertEquals("x?y", Printable.clean("x\u007fy"));
  }

  @Test
  void bidiOverridesAndLineSeparatorsAreRemoved() {
    assertEquals("evil?txt.exe", Printable.clean("evil\u202etxt.exe"));
    assertEquals("a?b", Printable.clean("a\u2028b"));
    assertEquals("a?b", Printable.clean("a\u200bb"));
  }

  @Test
  void loneSurrogatesAreReplacedButPairsKept() {
    assertEquals("a?b", Printable.clean("a\ud800b"));
    assertEquals("😀", Printable.clean("😀"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {
      0xE0000, 0xE0001, 0xE0020, 0xE0041, 0xE007F, // tag characters (invisible "ASCII smuggling")
      0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul fillers: letters that draw as nothing
      0xFE0F, 0xFE00, 0xE0100, 0xE01EF, 0x180B, 0x180F, // variation selectors
      0x034F, 0x17B4, 0x17B5, // combining grapheme joiner, Khmer inherent vowels
      0x00AD, 0x061C, 0x2060, 0x2066, 0x2069, 0xFEFF, 0x200D, 0xFFF9, 0x1D173, 0x1BCA0, // format
      0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0x0378, 0xE0080, // nonchars, unassigned
      0xE000, 0xF8FF, 0xF0000, 0x10FFFD, // private use: no one knows how it draws
      0x0085, 0x0000, 0x001B, 0x2029})
  void invisibleAndLayoutBreakingCodePointsBecomeQuestionMarks(int cp) {
    assertEquals("a?b", Printable.clean("a" + Character.toString(cp) + "b"));
  }

  @Test
  void aTagSequenceHidingTextIsVisible() {
    String hidden = "node" + "rm -rf".codePoints().map(c -> 0xE0000 + c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    assertEquals("node??????", Printable.clean(hidden));
  }

  @Test
  void aFewMarksOnABaseAreKeptAFloodIsCut() {
    String vietnamese = "Vi\u1EC7t Nam ti\u00EA\u0301ng"; // precomposed and decomposed marks
    assertSame(vietnamese, Printable.clean(vietnamese));
    String hindi = "\u0939\u093F\u0928\u094D\u0926\u0940";
    assertSame(hindi, Printable.clean(hindi));
    String four = "e" + "\u0301\u0302\u0303\u0304";
    assertSame(four, Printable.clean(four));
    assertEquals("e\u0301\u0302\u0303\u0304?x", Printable.clean("e" + "\u0301\u0302\u0303\u0304".repeat(250) + "x"),
        "the excess of a run is one '?'");
    assertEquals("a" + "\u20DD".repeat(4) + "?b", Printable.clean("a" + "\u20DD".repeat(6) + "b"), "enclosing marks too");
    assertEquals("e\u0301\u0301\u0301\u0301?y\u0301", Printable.clean("e" + "\u0301".repeat(9) + "y\u0301"),
        "the count starts again on a new base");
  }

  @Test
  void aMarkWithNothingToCombineWithIsReplaced() {
    assertEquals("?abc", Printable.clean("\u0301abc"));
    assertEquals("??", Printable.clean("\u001b\u0336"), "not stacked on a replaced control");
    assertEquals(" \u0301", Printable.clean(" \u0301"), "a space is a base");
  }

  @Test
  void visibleTextFromEveryPlaneIsKept() {
    String s = "Ελληνικά русский עברית العربية 한국어 ｆｕｌｌ 😀 𝔘𝔫𝔦 \u2800 \u00A0\u3000";
    assertSame(s, Printable.clean(s));
  }

  @Test
  void anEchoedArgumentStaysOnOneLineAndShowsWhatWasTyped() {
    assertEquals("8080'; rm -rf ~ #", Printable.echo("8080'; rm -rf ~ #"), "quotes are text, not markup");
    assertEquals("$(reboot)`id`", Printable.echo("$(reboot)`id`"), "nothing is run, so nothing to quote");
    assertEquals("80?81", Printable.echo("80\n81"));
    assertEquals("80?[2J?[H?]0;pwned?", Printable.echo("80\u001b[2J\u001b[H\u001b]0;pwned\u0007"));
    assertEquals("a?b?c?d?e", Printable.echo("a\u0000b\rc\u0085d\u202ee"));
    assertEquals("ＴＥＲＭ 日本語 터미널", Printable.echo("ＴＥＲＭ 日本語 터미널"), "wide characters are shown as typed");
  }

  @Test
  void aLongEchoIsCutAfterFortyCodePoints() {
    assertEquals("1".repeat(40), Printable.echo("1".repeat(40)));
    assertEquals("1".repeat(40) + "...", Printable.echo("1".repeat(41)));
    assertEquals("😀".repeat(40) + "...", Printable.echo("😀".repeat(1000)), "a surrogate pair is never split");
    assertEquals("日".repeat(40) + "...", Printable.echo("日".repeat(41)));
    assertEquals("?".repeat(40) + "...", Printable.echo("\u001b".repeat(100)));
  }
}
