package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every artifact of mvn package, unpacked or installed the way a user would, freeing a real port:
 * the portable archive with only a JRE on PATH, the self-contained runtime with no Java at all
 * and read-only, the .deb through dpkg.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the archives are exercised on Linux; see README")
class PackagingIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  private static final String VERSION = Shell.version();

  /** Unpacks a .tar.gz into a new open folder; returns the folder the archive holds. */
  private static Path untar(Path archive, String top) throws Exception {
    Path dir = Shell.openFolder("freeport-unpacked");
    Result r = Shell.run(dir, Map.of(), "tar", "-xzf", archive.toString());
    assertEquals(0, r.code(), r::toString);
    return dir.resolve(top);
  }

  /**
   * A PATH holding java (a link to this JDK's) and the few POSIX tools the launcher uses, and
   * nothing else: no Maven, no checkout.
   */
  private static Path onlyJava() throws Exception {
    Path bin = Shell.openFolder("freeport-path");
    Files.createSymbolicLink(bin.resolve("java"), Path.of(Java.executable()));
    for (String tool : List.of("sh", "readlink", "uname", "find", "id", "mkdir", "chmod", "mv", "rm")) {
      Path from = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), from);
    }
    return bin;
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void portableArchiveFreesAPortWithOnlyAJreOnPath() throws Exception {
    Path home = untar(Shell.artifact("freeport-" + VERSION + ".tar.gz"), "freeport-" + VERSION);
    Path path = onlyJava();
    Path cache = Shell.openFolder("freeport-cache");
    try {
      assertEquals("rwxr-xr-x", Shell.mode(home.resolve("bin/freeport")));
      assertEquals("rw-r--r--", Shell.mode(home.resolve("lib/freeport.jar")));
      for (String f : List.of("bin/freeport.cmd", "lib/launch.sh", "share/man/man1/freeport.1", "README.md",
          "CHANGELOG.md", "LICENSE", "share/completion/freeport.bash", "share/completion/_freeport",
          "share/completion/freeport.fish", "share/completion/freeport.ps1")) {
        assertTrue(Files.isRegularFile(home.resolve(f)), f);
      }
      Started l = fixtures.listener();
      Map<String, String> env = env("PATH", path.toString(), "XDG_CACHE_HOME", cache.toString());
      Result r = Shell.run(cache, env, true, 120, List.of(home.resolve("bin/freeport").toString(),
          Integer.toString(l.port()), "--yes"));
      assertEquals(0, r.code(), r::toString);
      assertFalse(l.alive());
      // The first run trained a class archive into the user's cache, private to this user.
      Path cds = cache.resolve("freeport/cds");
      assertEquals("rwx------", Shell.mode(cds));
      try (var archives = Files.list(cds)) {
        assertEquals(1, archives.filter(a -> a.toString().endsWith(".jsa") || a.toString().endsWith(".aot")).count());
      }
      Result v = Shell.run(cache, env, true, 60, List.of(home.resolve("bin/freeport").toString(), "--version"));
      assertEquals(0, v.code(), v::toString);
      assertTrue(v.out().startsWith("freeport " + VERSION + "\n"), v::toString);
      assertEquals("", v.err(), "the archive is used quietly: " + v);
    } finally {
      Shell.delete(home.getParent());
      Shell.delete(path);
      Shell.delete(cache);
    }
  }

  @Test
  void theZipHoldsWhatTheTarHoldsWithTheSameModes() throws Exception {
    Path home = untar(Shell.artifact("freeport-" + VERSION + ".tar.gz"), "freeport-" + VERSION);
    try (ZipFile zip = new ZipFile(Shell.artifact("freeport-" + VERSION + ".zip").toFile());
         var tarred = Files.walk(home)) {
      TreeSet<String> fromTar = new TreeSet<>();
      tarred.filter(Files::isRegularFile).forEach(p -> fromTar.add("freeport-" + VERSION + "/" + home.relativize(p)));
      TreeSet<String> fromZip = new TreeSet<>();
      Collections.list(zip.entries()).stream().filter(e -> !e.isDirectory()).forEach(e -> fromZip.add(e.getName()));
      assertEquals(fromTar, fromZip);
      String cmd = new String(zip.getInputStream(zip.getEntry("freeport-" + VERSION + "/bin/freeport.cmd")).readAllBytes(),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(cmd.contains("\r\n") && !cmd.replace("\r\n", "").contains("\n"), "freeport.cmd has CRLF line ends");
    } finally {
      Shell.delete(home.getParent());
    }
  }

  @Test
  void portableLauncherSaysInOneLineWhenJavaIsMissingOrBroken() throws Exception {
    Path home = untar(Shell.artifact("freeport-" + VERSION + ".tar.gz"), "freeport-" + VERSION);
    Path empty = Shell.openFolder("freeport-nojava");
    try {
      String launcher = home.resolve("bin/freeport").toString();
      Path old = empty.resolve("java");
      Files.writeString(old, "#!/bin/sh\necho 'java version \"11.0.2\"' >&2\n"
          + "echo '    java.specification.version = 11' >&2\n");
      old.toFile().setExecutable(true);
      Map<String, Result> runs = new java.util.LinkedHashMap<>();
      runs.put("no java", Shell.run(empty, env("PATH", "/nonexistent"), true, 60, List.of(launcher, "list")));
      runs.put("/bin/false", Shell.run(empty, env("PATH", "/usr/bin:/bin", "FREEPORT_JAVA", "/bin/false"), true, 60,
          List.of(launcher, "list")));
      runs.put("Java 11", Shell.run(empty, env("PATH", empty.toString()), true, 60, List.of(launcher, "list")));
      runs.put("JAVA_HOME without java", Shell.run(empty, env("PATH", "/nonexistent", "JAVA_HOME", empty.toString()),
          true, 60, List.of(launcher, "list")));
      runs.forEach((why, r) -> {
        assertEquals(1, r.code(), why + ": " + r);
        assertEquals("", r.out(), why + ": " + r);
        assertEquals(1, r.err().lines().count(), why + ": " + r);
        assertTrue(r.err().startsWith("freeport: ") && r.err().contains("install Java 17 or newer"), why + ": " + r);
      });
      assertTrue(runs.get("Java 11").err().contains("is Java 11, too old"), runs.get("Java 11")::toString);
      assertTrue(runs.get("/bin/false").err().contains("does not run as Java"), runs.get("/bin/false")::toString);
    } finally {
      Shell.delete(home.getParent());
      Shell.delete(empty);
    }
  }

  /** With no Java anywhere, read-only, from another folder, and as another user. */
  @Test
  void selfContainedRuntimeNeedsNoJavaAndRunsReadOnly() throws Exception {
    String name = "freeport-" + VERSION + "-linux-x64";
    Path home = untar(Shell.artifact(name + ".tar.gz"), name);
    try {
      // The launcher drops JAVA_TOOL_OPTIONS (it is for the user's applications), so the runtime's
      // java is wrapped to add the flags this test needs: -Xshare:on makes the JVM fail rather
      // than run without the class archive; TEST_JVM_FLAGS adds more.
      Path javaExe = home.resolve("lib/runtime/bin/java");
      Files.move(javaExe, javaExe.resolveSibling("java.real"));
      Files.writeString(javaExe, "#!/bin/sh\nexec \"${0%/*}/java.real\" -Xshare:on ${TEST_JVM_FLAGS-} \"$@\"\n");
      Files.setPosixFilePermissions(javaExe, PosixFilePermissions.fromString("rwxr-xr-x"));
      Result chmod = Shell.run(home, Map.of(), "chmod", "-R", "a-w", home.toString());
      assertEquals(0, chmod.code(), chmod::toString);
      String launcher = home.resolve("bin/freeport").toString();
      Map<String, String> noJava = env("PATH", "/nonexistent");
      Result v = Shell.run(Path.of("/"), noJava, true, 60, List.of(launcher, "--version"));
      assertEquals(0, v.code(), v::toString);
      assertTrue(v.out().startsWith("freeport " + VERSION + "\n"), v::toString);
      assertTrue(v.out().contains("\nJava ") && v.out().contains(" on Linux "), "runtime and OS: " + v);

      // The common stop (SIGTERM) loads no JNA at all.
      Map<String, String> jnaLog = env("PATH", "/nonexistent", "TEST_JVM_FLAGS", "-Djna.debug_load.jna=true");
      Started plain = fixtures.listener();
      Result term = Shell.run(Path.of("/tmp"), jnaLog, true, 60, List.of(launcher, Integer.toString(plain.port()), "--yes"));
      assertEquals(0, term.code(), term::toString);
      assertFalse(plain.alive());
      assertFalse(term.err().contains("jnidispatch"), term::toString);
      // A signal the JDK cannot send goes through libc, and JNA's native part then comes from
      // lib/jna, not unpacked from the jar into a temp folder.
      Started l = fixtures.listener();
      Result free = Shell.run(Path.of("/tmp"), jnaLog, true, 60,
          List.of(launcher, Integer.toString(l.port()), "--yes", "--signal", "INT"));
      assertEquals(0, free.code(), free::toString);
      assertFalse(l.alive());
      assertTrue(free.err().contains("Found jnidispatch at " + home.resolve("lib/jna/libjnidispatch.so")), free::toString);

      if ("root".equals(System.getProperty("user.name"))) {
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            "env", "-i", "PATH=/nonexistent", launcher, "list", "--json"));
        Result r = Shell.run(Path.of("/"), Map.of(), false, 60, asNobody);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"listeners\""), r::toString);
      }
    } finally {
      Shell.delete(home.getParent());
    }
  }

  @Test
  void debInstallsUnderUsrFreesAPortAndRemovesCleanly() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
    Path deb = Shell.artifact("freeport_" + VERSION + "_amd64.deb");
    List<String> files = List.of("/usr/bin/freeport", "/usr/lib/freeport", "/usr/share/man/man1/freeport.1.gz",
        "/usr/share/bash-completion/completions/freeport", "/usr/share/zsh/vendor-completions/_freeport",
        "/usr/share/fish/vendor_completions.d/freeport.fish", "/usr/share/doc/freeport/copyright");
    Map<String, String> env = env("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
    Result install = Shell.run(Path.of("/"), env, true, 120, List.of("dpkg", "-i", deb.toString()));
    try {
      assertEquals(0, install.code(), install::toString);
      for (String f : files) {
        assertTrue(Files.exists(Path.of(f)), f);
      }
      Started l = fixtures.listener();
      Result r = Shell.run(Path.of("/"), env, true, 60, List.of("freeport", Integer.toString(l.port()), "--yes", "--json"));
      assertEquals(0, r.code(), r::toString);
      assertEquals(List.of("freed"), CliRun.strings(r.out(), "outcome"));
      assertFalse(l.alive());
    } finally {
      Result remove = Shell.run(Path.of("/"), env, true, 120, List.of("dpkg", "--purge", "freeport"));
      assertEquals(0, remove.code(), remove::toString);
    }
    for (String f : files) {
      assertFalse(Files.exists(Path.of(f)), "left behind: " + f);
    }
  }
}
