package dev.freeport.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Columns as a terminal draws them (JLine's wcwidth), and fitting text into them. */
class TerminalTest {

  @Test
  void wideCharactersTakeTwoColumnsMarksAndControlsNone() {
    assertEquals(5, Terminal.columns("ascii"));
    assertEquals(6, Terminal.columns("日本語"), "CJK ideographs");
    assertEquals(6, Terminal.columns("터미널"), "Hangul syllables");
    assertEquals(4, Terminal.columns("ＴＥ"), "fullwidth forms");
    assertEquals(4, Terminal.columns("😀🥰"), "emoji, in and beyond the BMP's old emoji blocks");
    assertEquals(3, Terminal.columns("e\u0301e\u0301e\u20DD"), "combining and enclosing marks");
    assertEquals(2, Terminal.columns("a\u200bb"), "a zero-width space");
    assertEquals(2, Terminal.columns("a\u001bb\u0000\u007f"), "controls");
  }

  @Test
  void fitCountsColumnsAndNeverSplitsAPair() {
    assertEquals("日本...", Terminal.fit("日本語テキスト", 7));
    assertEquals("a日...", Terminal.fit("a日本語", 6));
    assertEquals("😀...", Terminal.fit("😀😀😀😀", 6));
    assertEquals("日本語", Terminal.fit("日本語", 6));
  }
}
