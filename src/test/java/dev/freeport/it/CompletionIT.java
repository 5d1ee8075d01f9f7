package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.it.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The completion scripts the archives ship (target/completion), loaded in real zsh and fish,
 * offering subcommands, options and values. bash: JarIT. PowerShell: not available here.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Debian's zsh and fish; see README")
class CompletionIT {
  private static final Path DIR = Path.of("target", "completion").toAbsolutePath();

  @Test
  void fishOffersSubcommandsOptionsAndShells() {
    String script = "source " + DIR.resolve("freeport.fish") + ";"
        + " for line in 'freeport --ti' 'freeport li' 'freeport 8080 --y' 'freeport list --j' 'freeport completion '\n"
        + "   complete -C $line | string split -f1 \\t | string join ' '\n"
        + " end";
    Result r = Shell.run(DIR, Map.of(), false, 60, List.of("fish", "--no-config", "-c", script));
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("--timeout", "list", "--yes", "--json", "bash fish powershell zsh"), r.out().lines().toList(), r::toString);
  }

  /** zsh completes only in an interactive line editor: drive one through zpty and press Tab. */
  @Test
  void zshOffersOptionsAndShellsOnTab() throws Exception {
    Path test = Files.createTempFile("freeport-zpty", ".zsh");
    try {
      Files.writeString(test, """
          zmodload zsh/zpty
          zpty z 'zsh -f -i'
          zpty -w z 'PS1="> "; autoload -U compinit; compinit -u; source %s; echo READY-$((6*7))'
          zpty -r z out '*READY-42*'
          zpty -w -n z $'freeport --ti\\t'
          zpty -r z out '*--timeout*' && print -r -- timeout
          zpty -w -n z $'\\C-u'
          zpty -w -n z $'freeport completion \\t'
          zpty -r z out '*bash*zsh*' && print -r -- shells
          zpty -d z
          """.formatted(DIR.resolve("_freeport")));
      // zpty -r waits for its pattern; the run's time limit ends a completion that never comes.
      Result r = Shell.run(DIR, Map.of(), false, 30, List.of("zsh", "-f", test.toString()));
      assertEquals(0, r.code(), r::toString);
      assertEquals(List.of("timeout", "shells"), r.out().lines().toList(), r::toString);
    } finally {
      Files.deleteIfExists(test);
    }
  }
}
