package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The npm packages from npm pack, installed from their tarballs into a fresh project (offline: no
 * registry), run by a prestart hook against a busy port and through npx.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "linux-x64 runtime package; see README")
class NpmIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  private static final String VERSION = Shell.version();

  /** A project whose start script binds the port (proving it free) and whose prestart frees it. */
  private static Path project(int port) throws Exception {
    Path dir = Shell.openFolder("freeport-npm");
    Files.writeString(dir.resolve("package.json"), """
        {
          "name": "app", "version": "1.0.0", "private": true,
          "scripts": {
            "prestart": "freeport-cli %d --yes --quiet",
            "start": "node -e \\"require('net').createServer().listen(%d, () => { console.log('started'); process.exit(0); })\\""
          }
        }
        """.formatted(port, port));
    return dir;
  }

  private static Result npm(Path dir, Map<String, String> env, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("npm", "--offline", "--no-audit", "--no-fund",
        "--no-update-notifier", "--cache", dir.resolve(".npm-cache").toString()));
    cmd.addAll(List.of(args));
    return Shell.run(dir, env, false, 300, cmd);
  }

  @Test
  void prestartFreesTheBusyPortWithTheSelfContainedRuntimeAndNpxPassesExitCodes() throws Exception {
    Started l = fixtures.listener();
    Path dir = project(l.port());
    // On linux-x64 the optional runtime package needs no Java: a Java found would fail here.
    Map<String, String> noJava = Map.of("JAVA_HOME", "/nonexistent", "FREEPORT_JAVA", "/bin/false");
    try {
      Result install = npm(dir, Map.of(), "install", Shell.artifact("freeport-cli-" + VERSION + ".tgz").toString(),
          Shell.artifact("freeport-cli-linux-x64-" + VERSION + ".tgz").toString());
      assertEquals(0, install.code(), install::toString);
      assertTrue(Files.isDirectory(dir.resolve("node_modules/freeport-cli-linux-x64/lib/runtime")));

      Result start = npm(dir, noJava, "start");
      assertEquals(0, start.code(), start::toString);
      assertTrue(start.out().contains("started"), start::toString);
      assertFalse(l.alive(), "prestart stopped the holder");

      Started again = fixtures.listener();
      Result held = npm(dir, noJava, "exec", "--", "freeport-cli", Integer.toString(again.port()), "--dry-run");
      assertEquals(1, held.code(), "a dry run on a held port exits 1: " + held);
      Result bad = Shell.run(dir, noJava, "npx", "--offline", "freeport-cli", "0");
      assertEquals(2, bad.code(), "usage error passes through: " + bad);
      assertEquals(1, bad.err().strip().lines().filter(s -> s.startsWith("freeport:")).count(), bad::toString);
      Result freed = Shell.run(dir, noJava, "npx", "--offline", "freeport-cli", Integer.toString(again.port()), "--yes");
      assertEquals(0, freed.code(), freed::toString);
      assertFalse(again.alive());
    } finally {
      Shell.delete(dir);
    }
  }

  @Test
  void withoutTheRuntimePackageItRunsTheJarOnJavaOrSaysWhatToInstall() throws Exception {
    Started l = fixtures.listener();
    Path dir = project(l.port());
    Path javaBin = Path.of(Java.executable()).getParent();
    try {
      Result install = npm(dir, Map.of(), "install", "--omit=optional",
          Shell.artifact("freeport-cli-" + VERSION + ".tgz").toString());
      assertEquals(0, install.code(), install::toString);
      assertFalse(Files.exists(dir.resolve("node_modules/freeport-cli-linux-x64")));

      Result noJava = npm(dir, Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "", "FREEPORT_JAVA", "/nonexistent/java"),
          "exec", "--", "freeport-cli", "list");
      assertEquals(1, noJava.code(), noJava::toString);
      assertTrue(noJava.err().contains("freeport: no java found: install Java 17 or newer"), noJava::toString);

      Result start = npm(dir, Map.of("PATH", javaBin + ":/usr/bin:/bin"), "start");
      assertEquals(0, start.code(), start::toString);
      assertTrue(start.out().contains("started"), start::toString);
      assertFalse(l.alive());
    } finally {
      Shell.delete(dir);
    }
  }
}
