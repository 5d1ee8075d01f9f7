package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** scripts/install into a scratch prefix: install, run from anywhere, upgrade, uninstall. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class InstallIT {

  private static String run(Path cwd, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
    return out;
  }

  @Test
  void installRunUpgradeUninstall() throws Exception {
    Path prefix = Files.createTempDirectory("freeport-prefix");
    Path elsewhere = Files.createTempDirectory("freeport-cwd");
    String install = Path.of("scripts/install").toAbsolutePath().toString();
    try {
      String said = run(elsewhere, install, "--prefix", prefix.toString());
      assertTrue(said.contains("Installed freeport"), said);
      assertTrue(said.contains("--uninstall"), "says how to uninstall: " + said);
      Path bin = prefix.resolve("bin/freeport");
      assertTrue(run(elsewhere, bin.toString(), "--version").startsWith("freeport "));
      assertTrue(Files.exists(prefix.resolve("share/bash-completion/completions/freeport")));
      assertTrue(Files.exists(prefix.resolve("share/zsh/site-functions/_freeport")));
      assertTrue(Files.exists(prefix.resolve("share/man/man1/freeport.1")));

      assertTrue(run(elsewhere, install, "--prefix", prefix.toString()).contains("Installed"), "re-running upgrades");
      assertTrue(run(elsewhere, bin.toString(), "list", "--json").contains("\"listeners\""));

      run(elsewhere, install, "--prefix", prefix.toString(), "--uninstall");
      assertFalse(Files.exists(bin));
      assertFalse(Files.exists(prefix.resolve("share/freeport")));
    } finally {
      for (Path dir : new Path[] {prefix, elsewhere}) {
        try (Stream<Path> all = Files.walk(dir)) {
          all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
