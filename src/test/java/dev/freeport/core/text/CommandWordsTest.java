package dev.freeport.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rule for names put into a suggested command, on real names, hostile ones and random ones. */
class CommandWordsTest {
  private static final Pattern SHELL = Pattern.compile("[A-Za-z0-9_.@+][A-Za-z0-9_.@+-]{0,127}");
  private static final Pattern WINDOWS = Pattern.compile("[A-Za-z0-9_.$@#{}~][A-Za-z0-9_.$@#{}~ -]{0,255}");
  private static final Pattern DOCKER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
  /** Text that must never reach a command line as it is. */
  private static final List<String> HOSTILE = List.of("", "-rf", "--help", "a'b", "a\"b", "$(reboot)",
      "`id`", "a;b", "a&b", "a|b", "a>b", "a<b", "a*", "a?", "[a]", "a/b", "a\\b", "%PATH%",
      "!x!", "a^b", "a\nb", "a\rb", "a\tb", "a\u0000b", "\u001b[31mred", "a\u0085b", "a\u202eb", "a\u200bb",
      "日本", "caf\u00e9", "\uff41", "a".repeat(257));

  @Test
  void realNamesAreShellWords() {
    for (String name : List.of("web", "my_app.1", "postgres", "g++", "worker@2", "node-red", "x", "a".repeat(128))) {
      assertTrue(CommandWords.shellWord(name), name);
    }
    assertFalse(CommandWords.shellWord("a".repeat(129)));
  }

  @Test
  void realWindowsNamesAreAccepted() {
    for (String name : List.of("MSSQL$SQLEXPRESS", "postgresql-x64-16", "Apache2.4", "DefaultAppPool",
        "My Service", "{guid}~1", "a#b@c", "a".repeat(256))) {
      assertTrue(CommandWords.windowsName(name), name);
    }
    assertFalse(CommandWords.windowsName(" leading"), "a leading space");
  }

  @Test
  void hostileTextIsNeverAWord() {
    for (String s : HOSTILE) {
      assertFalse(CommandWords.shellWord(s), "[" + s + "]");
      assertFalse(CommandWords.windowsName(s), "[" + s + "]");
    }
    for (String s : List.of("$x", "${IFS}", "~root", "a#", "{a}", "a b")) {
      assertFalse(CommandWords.shellWord(s), "not bare in sh: [" + s + "]");
    }
  }

  @Test
  void theLoopsAreTheRegularExpressionsTheyDocument() {
    Random random = new Random(20261202L);
    String alphabet = "aZ09_.@+-$#{}~ x;`'\"/\\*\n\u001b\u00e9\u65e5";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(10) == 0 ? 120 + random.nextInt(140) : random.nextInt(8);
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertEquals(SHELL.matcher(s).matches(), CommandWords.shellWord(s), "[" + s + "]");
      assertEquals(WINDOWS.matcher(s).matches(), CommandWords.windowsName(s), "[" + s + "]");
      if (DOCKER.matcher(s).matches()) {
        assertTrue(CommandWords.shellWord(s), "every Docker container name: [" + s + "]");
      }
    }
  }
}
