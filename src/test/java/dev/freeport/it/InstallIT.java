package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.it.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * scripts/install into a scratch prefix: install, run from anywhere, upgrade, uninstall; modes
 * whatever the umask; no HOME; the launcher refusing class archives others can write.
 */
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

  @Test
  void installedFilesAreNotWritableByOthersWhateverTheUmaskAndHomeIsNotNeeded() throws Exception {
    Path prefix = Files.createTempDirectory("freeport-prefix");
    String install = Path.of("scripts/install").toAbsolutePath().toString();
    try {
      run(prefix, "env", "-u", "HOME", "sh", "-c", "umask 000; exec \"$0\" --prefix \"$1\"", install, prefix.toString());
      List<String> wrong = new ArrayList<>();
      try (Stream<Path> all = Files.walk(prefix)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (p.equals(prefix)) {
            continue;
          }
          String mode = Shell.mode(p);
          String want = Files.isDirectory(p) ? (p.endsWith("cds") ? "rwx------|rwxr-xr-x" : "rwxr-xr-x")
              : p.endsWith("bin/freeport") ? "rwxr-xr-x" : "rw-r--r--";
          if (!mode.matches(want)) {
            wrong.add(prefix.relativize(p) + " " + mode);
          }
        }
      }
      assertEquals(List.of(), wrong);
      assertTrue(Files.exists(prefix.resolve("share/fish/vendor_completions.d/freeport.fish")));
    } finally {
      Shell.delete(prefix);
    }
  }

  @Test
  void theLauncherDoesNotMapAClassArchiveOthersCanWrite() throws Exception {
    Path prefix = Files.createTempDirectory("freeport-prefix");
    Path cwd = Files.createTempDirectory("freeport-cwd");
    String install = Path.of("scripts/install").toAbsolutePath().toString();
    String bin = prefix.resolve("bin/freeport").toString();
    Path cds = prefix.resolve("share/freeport/cds");
    try {
      run(cwd, install, "--prefix", prefix.toString());
      Result quiet = Shell.run(cwd, java.util.Map.of(), bin, "--version");
      assertEquals(0, quiet.code(), quiet::toString);
      assertEquals("", quiet.err(), "the installed archive is used quietly: " + quiet);

      Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxrwxrwx"));
      Result open = Shell.run(cwd, java.util.Map.of(), bin, "--version");
      assertEquals(0, open.code(), open::toString);
      assertTrue(open.err().startsWith("freeport: not using ") && open.err().contains("another user can write"), open::toString);
      assertEquals(1, open.err().lines().count(), open::toString);
      Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxr-xr-x"));

      if ("root".equals(System.getProperty("user.name"))) {
        try (Stream<Path> archives = Files.list(cds)) {
          for (Path a : (Iterable<Path>) archives::iterator) {
            assertEquals(0, Shell.run(cwd, java.util.Map.of(), "chown", "65534", a.toString()).code());
          }
        }
        Result theirs = Shell.run(cwd, java.util.Map.of(), bin, "--version");
        assertEquals(0, theirs.code(), theirs::toString);
        assertTrue(theirs.err().startsWith("freeport: not using "), theirs::toString);
      }
    } finally {
      Shell.delete(prefix);
      Shell.delete(cwd);
    }
  }
}
