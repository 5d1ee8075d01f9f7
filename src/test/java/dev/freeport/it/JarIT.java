package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar, run as a separate process the way users and hooks run it. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class JarIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "abc", "80-", "3010-3000", "1-65535", "--bogus", "-t=nonsense", "--timeout=-1"})
  void badInputIsOneLineAndExitTwo(String bad) throws Exception {
    Result r = bad.startsWith("-") ? CliRun.jar(bad, "8080") : CliRun.jar(bad);
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertTrue(r.err().startsWith("freeport: "), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
  }

  @Test
  void noPortIsAUsageError() throws Exception {
    Result r = CliRun.jar();
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("freeport list"), r::toString);
  }

  @Test
  void helpListsTheExitCodes() throws Exception {
    Result r = CliRun.jar("--help");
    assertEquals(0, r.code(), r::toString);
    for (String code : List.of("0", "1", "2", "3", "4", "5", "130")) {
      assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(code + " ")), code + "\n" + r);
    }
  }

  @Test
  void versionAndNoLoggingNoise() throws Exception {
    Result r = CliRun.jar("--version");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("freeport "), r::toString);
    assertEquals("", r.err(), r::toString);
  }

  @Test
  void listJsonIsPureJsonOnStdout() throws Exception {
    Started l = fixtures.listener();
    Result r = CliRun.jar("list", "--json");
    assertEquals(0, r.code(), r::toString);
    assertTrue(CliRun.numbers(r.out(), "pid").contains(l.pid()), r::toString);
  }

  /** Runs the jar as user nobody against a listener owned by root. */
  @Test
  void unprivilegedUserGetsThePermissionCodeAndAHintAndKillsNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop privileges");
    Started l = fixtures.listener();
    Path dir = Files.createTempDirectory("freeport-jar", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path copy = dir.resolve("freeport.jar");
    Files.copy(CliRun.jarPath(), copy, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> drop = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp");
    try {
      Result list = CliRun.jar(copy, drop, ProcessBuilder.Redirect.PIPE, "list", Integer.toString(l.port()));
      assertEquals(0, list.code(), list::toString);
      assertTrue(list.out().contains("owner not visible"), list::toString);
      Result r = CliRun.jar(copy, drop, ProcessBuilder.Redirect.PIPE, Integer.toString(l.port()), "--yes");
      assertEquals(4, r.code(), r::toString);
      assertTrue((r.out() + r.err()).contains("sudo"), r::toString);
      assertTrue(l.alive(), "nothing was killed");
    } finally {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void bashCompletionCompletesOptionsAndCommands() throws Exception {
    Result r = CliRun.jar("completion", "bash");
    assertEquals(0, r.code(), r::toString);
    Path script = Files.createTempFile("freeport-completion", ".bash");
    try {
      Files.writeString(script, r.out());
      Process bash = new ProcessBuilder("bash", "-c", "source " + script + " 2>/dev/null;"
          + " t() { COMP_LINE=\"$*\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($#-1)); COMP_POINT=${#COMP_LINE};"
          + " _complete_freeport; echo \"${COMPREPLY[*]}\"; };"
          + " t freeport --ti; t freeport li; t freeport completion ''")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      List<String> lines = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals(List.of("--timeout", "list", "bash zsh fish powershell"),
          lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } finally {
      Files.deleteIfExists(script);
    }
    assertTrue(CliRun.jar("completion", "fish").out().contains("complete -c freeport"));
    assertEquals(2, CliRun.jar("completion", "tcsh").code());
  }

  /** A listener whose argv[0] is docker-proxy, and a fake docker CLI that knows the container. */
  @Test
  void aContainerForwarderIsNotStoppedAndTheContainerIsNamed() throws Exception {
    Path dir = Files.createTempDirectory("freeport-docker");
    try {
      Path proxy = Files.createSymbolicLink(dir.resolve("docker-proxy"), Path.of(Java.executable()));
      List<String> cmd = new ArrayList<>(Java.command(dev.freeport.fixtures.Listener.class));
      cmd.set(0, proxy.toString());
      Started l = fixtures.start(cmd);
      Path docker = dir.resolve("docker");
      Files.writeString(docker, "#!/bin/sh\n[ \"$1 $2\" = \"ps --format\" ] && printf 'web-1\\t0.0.0.0:"
          + l.port() + "->80/tcp, :::" + l.port() + "->80/tcp\\n'\n");
      Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
      List<String> env = List.of("env", "PATH=" + dir + ":" + System.getenv("PATH"));
      Result r = CliRun.jar(env, Integer.toString(l.port()), "--yes");
      assertEquals(5, r.code(), r::toString);
      assertTrue(r.out().contains("container port forwarder"), r::toString);
      assertTrue(r.out().contains("docker stop web-1"), r::toString);
      assertTrue(l.alive(), "the forwarder was not stopped");
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * On Linux nothing of OSHI, macOS or Windows is loaded, listing or stopping; and off a terminal
   * (a hook, a pipe) nothing of the terminal library either.
   */
  @Test
  void noOtherPlatformsCodeIsLoaded() throws Exception {
    Started l = fixtures.listener();
    Path log = Files.createTempFile("freeport-classes", ".log");
    try {
      List<String> jvm = List.of(Java.executable(), "-Xlog:class+load:file=" + log, "-jar", CliRun.jarPath().toString());
      for (List<String> args : List.of(List.of("list"), List.of(Integer.toString(l.port()), "--yes"))) {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        List<String> foreign = Files.readAllLines(log).stream()
            .filter(line -> line.contains(" oshi.") || line.contains("dev.freeport.platform.windows")
                || line.contains("dev.freeport.platform.mac")
                || line.contains(" org.jline.")) // a terminal is only opened on a terminal: hooks never pay for it
            .toList();
        assertEquals(List.of(), foreign, String.join(" ", args));
      }
      assertFalse(l.alive());
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Starts the jar with stdin open, waits for {@code marker} on stderr, then sends SIGINT. */
  static Result interruptAt(String marker, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Java.executable(), "-jar", CliRun.jarPath().toString()));
    cmd.addAll(List.of(args));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).start();
    StringBuffer err = new StringBuffer();
    StringBuffer out = new StringBuffer();
    Thread errReader = drain(p.getErrorStream(), err);
    Thread outReader = drain(p.getInputStream(), out); // a long survey must not fill the pipe and block
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!err.toString().contains(marker)) {
      assertTrue(System.nanoTime() < deadline, "never saw '" + marker + "': " + err);
      Thread.sleep(10);
    }
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not end on SIGINT");
    errReader.join(5000);
    outReader.join(5000);
    p.getOutputStream().close();
    return new Result(p.exitValue(), out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
  }

  private static Thread drain(java.io.InputStream in, StringBuffer into) {
    Thread t = new Thread(() -> {
      try (in) {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
          into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (java.io.IOException e) {
        // ended
      }
    });
    t.start();
    return t;
  }


  @Test
  void ctrlCAtThePromptStopsNothingAndSaysSo() throws Exception {
    Started l = fixtures.listener();
    Result r = interruptAt("[y/N]", Integer.toString(l.port()));
    assertEquals(130, r.code(), r::toString);
    assertTrue(r.err().contains("freeport: interrupted: nothing was stopped"), r::toString);
    assertTrue(l.alive());
  }

  @Test
  void ctrlCDuringTheWaitSaysWhatWasAskedAndThatNothingWasForced() throws Exception {
    Started l = fixtures.listener("--ignore-term");
    Result r = interruptAt("Asked 1 process", Integer.toString(l.port()), "--yes", "--timeout", "20s");
    assertEquals(130, r.code(), r::toString);
    assertTrue(r.err().contains("freeport: interrupted: asked 1 process to exit; none was forced, none is frozen;"
        + " the port was not checked"), r::toString);
    assertTrue(l.alive(), "it ignores SIGTERM and was not forced");
  }

  @Test
  void twoRunsOnTheSamePortAtOnceBothEndFree() throws Exception {
    Started l = fixtures.listener("--shutdown-ms", "300");
    List<String> cmd = List.of(Java.executable(), "-jar", CliRun.jarPath().toString(), Integer.toString(l.port()), "--yes", "--json");
    Process a = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Process b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, a.exitValue(), outA);
    assertEquals(0, b.exitValue(), outB);
    for (String out : List.of(outA, outB)) {
      String outcome = CliRun.strings(out, "outcome").get(0);
      assertTrue(outcome.equals("freed") || outcome.equals("free"), out);
    }
    assertFalse(l.alive());
  }

  @Test
  void twoHundredPortsInOneCall() throws Exception {
    Started many = fixtures.start(dev.freeport.fixtures.ManyPorts.class, "200");
    String ports = many.await("PORTS").substring("PORTS ".length());
    Result r = CliRun.jar(ports, "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    List<String> outcomes = CliRun.strings(r.out(), "outcome");
    assertEquals(200, outcomes.size());
    assertTrue(outcomes.stream().allMatch("freed"::equals), r::toString);
    assertFalse(many.alive());
  }

  @Test
  void rootStopsAnotherUsersListener() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    cmd.addAll(Java.commandForAnyUser(dev.freeport.fixtures.Listener.class));
    Started theirs = fixtures.start(cmd);
    Result r = CliRun.jar(Integer.toString(theirs.port()), "--yes");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("user nobody"), r::toString);
    assertFalse(theirs.alive());
  }

  /** Output that cannot be written (ENOSPC) is a failure, said in one line on stderr. */
  @Test
  void outputThatCannotBeWrittenIsNotSuccess() throws Exception {
    Started l = fixtures.listener();
    Result r = CliRun.jar(CliRun.jarPath(), List.of(), ProcessBuilder.Redirect.to(new java.io.File("/dev/full")),
        "list", Integer.toString(l.port()), "--json");
    assertEquals(70, r.code(), r::toString);
    assertEquals(List.of("freeport: could not write the output to stdout; it is incomplete"), r.err().lines().toList(),
        r::toString);
  }

  @Test
  void aClosedPipeIsNotAnError() throws Exception {
    fixtures.listener();
    fixtures.listener();
    Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; \"$0\" -jar \"$1\" list | head -1; echo \"exit ${PIPESTATUS[0]}\"",
        Java.executable(), CliRun.jarPath().toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(out.startsWith("PROTO"), out);
    assertTrue(out.contains("exit 0"), out + err);
    assertFalse(err.contains("Exception"), err);
  }
}
