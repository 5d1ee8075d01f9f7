package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import dev.freeport.it.HotPaths.HotPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The start-up rule of {@link HotPaths}, checked on the packaged jar run the way every launcher
 * runs it: scripts/launch.sh (sourced by scripts/freeport, the installed freeport and the portable
 * bin/freeport) with its JVM flags, on the java this test runs on, given to launch.sh as
 * FREEPORT_JAVA through a wrapper that only adds two logs: the classes loaded and the {@code
 * invokedynamic} call sites resolved (which names the class that holds each one).
 *
 * <p>Without the class archive (FREEPORT_CDS=0): the JDK 25 AOT cache resolves call sites ahead of
 * time, so they would not show in the log, though a first run, a {@code java -jar} run and a run
 * with the archive off still pay for them.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class StartupIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  @TempDir static Path dir;
  /** A JDK layout whose bin/java runs this test's java with the logs on. */
  private static Path jdk;
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  @BeforeAll
  static void wrapTheJava() throws IOException {
    jdk = dir.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nexec '" + Java.executable().replace("'", "'\\''") + "'"
        + " \"-Xlog:class+load=info,methodhandles+indy=debug:file=$FREEPORT_STARTUP_LOG::filecount=0\" \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    // launch.sh reads the version from the release file next to bin/java, as in a real JDK.
    Path release = Path.of(System.getProperty("java.home"), "release");
    if (Files.exists(release)) {
      Files.copy(release, jdk.resolve("release"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.freeport.it.HotPaths#ALL")
  void aHotPathLinksNoCallSiteInFreeportsCodeAndLoadsNothingUnwanted(HotPath path) throws Exception {
    Started holder = start(path.holder());
    try {
      Log log = new Log(dir.resolve("run-" + RUNS.incrementAndGet() + ".log"));
      Result r = launch(log, path.argsFor(holder.port()));
      assertEquals(path.exitCode(), r.code(), r::toString);
      assertEquals(!path.stops(), Procs.running(holder.pid()), "the holder is stopped only when the run stops it\n" + r);

      List<String> found = new ArrayList<>();
      for (String site : log.callSitesIn("dev.freeport.")) {
        found.add("call site linked in " + site);
      }
      Set<String> loaded = log.loaded();
      assertTrue(loaded.contains("dev.freeport.Main"), "the log has no dev.freeport.Main: the wrapper was not used\n" + r);
      for (HotPaths.Unwanted u : HotPaths.NOT_LOADED) {
        List<String> classes = new ArrayList<>();
        for (String c : loaded) {
          if (c.startsWith(u.prefix()) && !baseline().contains(c)) {
            classes.add(c);
          }
        }
        if (!classes.isEmpty()) {
          found.add("loaded " + classes.get(0) + (classes.size() > 1 ? " and " + (classes.size() - 1) + " more" : "")
              + ": " + u.cost());
        }
      }
      assertEquals(List.of(), found, "'freeport " + String.join(" ", path.args()) + "' is a hot path (see HotPaths):"
          + " freeport's code there links no call site (a lambda, a method reference, a record's generated"
          + " equals/hashCode/toString, string concatenation through invokedynamic); write it as plain Java (a"
          + " loop, a named class, written-out methods) or move it off the hot path");
    } finally {
      ProcessHandle.of(holder.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The check can fail: the control program's one lambda shows as a call site in its class. */
  @Test
  void theLogShowsALambdaLinkedInTheControlProgram() throws Exception {
    Log log = control();
    assertEquals(List.of("dev.freeport.it.StartupIT$Control run:()Ljava/lang/Runnable;"), log.callSitesIn("dev.freeport."),
        String.join("\n", log.lines()));
  }

  /** Links one lambda of its own, loads nothing unwanted, and exits as freeport does. */
  static final class Control {
    public static void main(String[] args) {
      Runnable r = () -> System.out.print("");
      r.run();
      System.exit(0);
    }
  }

  private static Set<String> baseline;

  /** The classes a plain start of this JVM loads: the control program, on the same wrapper. */
  private static synchronized Set<String> baseline() throws Exception {
    if (baseline == null) {
      baseline = control().loaded();
    }
    return baseline;
  }

  private static Log control() throws Exception {
    Log log = new Log(dir.resolve("control-" + RUNS.incrementAndGet() + ".log"));
    Path testClasses = Path.of(Control.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Result r = Shell.run(Path.of("."), environment(log), true, 60, List.of(jdk.resolve("bin/java").toString(),
        "-cp", CliRun.jarPath().toAbsolutePath() + ":" + testClasses, Control.class.getName()));
    assertEquals(0, r.code(), r::toString);
    return log;
  }

  /** Runs the jar through scripts/launch.sh, as scripts/freeport and the installed launchers do. */
  private static Result launch(Log log, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "jar=$1 cds_dir= checkout=; shift; . \"$0\"",
        Path.of("scripts/launch.sh").toAbsolutePath().toString(), CliRun.jarPath().toAbsolutePath().toString()));
    cmd.addAll(args);
    return Shell.run(Path.of("."), environment(log), true, 60, cmd);
  }

  /** This environment without the JVM options meant for other programs, plus the wrapper's. */
  private static Map<String, String> environment(Log log) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeAll(JVM_OPTION_VARIABLES);
    env.put("FREEPORT_JAVA", jdk.resolve("bin/java").toString());
    env.put("FREEPORT_CDS", "0");
    env.put("FREEPORT_STARTUP_LOG", log.file.toString());
    return env;
  }

  /**
   * A Python listener (one thread, which ends at once on SIGTERM): a Java holder's threads can
   * outlive its main one for a moment, and what freeport does then depends on that timing.
   */
  private Started start(HotPaths.Holder holder) throws Exception {
    List<String> cmd = holder == HotPaths.Holder.ORPHAN_LISTENER
        ? List.of("python3", PromisesIT.HOLDERS.toString(), "daemon") // its parent exits: init adopts it
        : List.of("sh", "-c", "\"$@\" & wait", "sh", "python3", PromisesIT.HOLDERS.toString(), "many", "1");
    return fixtures.start(cmd);
  }

  /** What one JVM wrote to its log. */
  record Log(Path file) {
    List<String> lines() throws IOException {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** The classes loaded, in order. */
    Set<String> loaded() throws IOException {
      Set<String> out = new LinkedHashSet<>();
      for (String line : lines()) {
        int tag = line.indexOf("[class,load");
        if (tag >= 0) {
          int from = line.indexOf("] ", tag) + 2;
          int to = line.indexOf(' ', from);
          out.add(line.substring(from, to < 0 ? line.length() : to));
        }
      }
      return out;
    }

    /**
     * Each invokedynamic call site resolved in a class whose name starts with {@code prefix}, as
     * "class name:type" (e.g. {@code dev.freeport.Main run:()Ljava/lang/Runnable;}).
     */
    List<String> callSitesIn(String prefix) throws IOException {
      String marker = "resolve_invokedynamic Bootstrap in ";
      List<String> out = new ArrayList<>();
      for (String line : lines()) {
        int at = line.indexOf(marker);
        if (at >= 0) {
          String[] words = line.substring(at + marker.length()).split(" ");
          String owner = words[0].replace('/', '.');
          if (owner.startsWith(prefix)) {
            out.add(owner + " " + words[2].replace("(resolved)", ""));
          }
        }
      }
      return out;
    }
  }
}
