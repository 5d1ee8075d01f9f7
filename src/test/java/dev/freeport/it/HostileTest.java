package dev.freeport.it;

import static dev.freeport.it.CliRun.run;
import static dev.freeport.it.CliRun.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.platform.linux.LinuxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile processes and races, with real processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class HostileTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  /** Processes whose command line is exactly `sleep MARKER`. */
  private static long countSleeping(String marker) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip();
          return cmd.equals("sleep " + marker)
              && ProcessHandle.of(Long.parseLong(p.getFileName().toString())).map(Procs::running).orElse(false);
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void aForkStormIsFrozenAndNoChildEscapes() throws Exception {
    String marker = "3600." + ProcessHandle.current().pid() + "1";
    Started storm = fixtures.listener("--ignore-term", "--fork-storm", marker);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (countSleeping(marker) < 20) {
      assertTrue(System.nanoTime() < deadline, "the storm never got going");
      Thread.sleep(20);
    }
    CliRun.Result r = run(null, Integer.toString(storm.port()), "--yes", "--timeout", "500ms", "--json");
    try {
      assertEquals(0, r.code(), r::toString);
      assertFalse(Procs.running(storm.process().toHandle()));
      assertEquals(0, countSleeping(marker), "children left running: " + r);
    } finally {
      new ProcessBuilder("pkill", "-KILL", "-f", "^sleep " + marker + "$").start().waitFor();
    }
  }

  @Test
  void theOwnerExitingBeforeTheAnswerIsSuccess() throws Exception {
    Started l = fixtures.listener("--exit-after-ms", "700");
    // The answer arrives only after the owner has gone: read it from a stream that waits.
    java.io.PipedOutputStream typed = new java.io.PipedOutputStream();
    java.io.PipedInputStream stdin = new java.io.PipedInputStream(typed);
    Thread typist = new Thread(() -> {
      try {
        l.process().waitFor();
        typed.write("y\n".getBytes());
        typed.close();
      } catch (Exception e) {
        // the test fails on its own assertions
      }
    });
    typist.start();
    CliRun.Result r = CliRun.runWithInput(stdin, Integer.toString(l.port()), "--json");
    typist.join();
    assertEquals(0, r.code(), r::toString);
    List<String> methods = strings(r.out(), "method");
    assertEquals(List.of("gone"), methods, r::toString);
    assertEquals(List.of("freed"), strings(r.out(), "outcome"), r::toString);
  }

  @Test
  void aChildWaitingToRebindThePortIsStoppedWithItsParent() throws Exception {
    Started l = fixtures.listener("--rebind-child");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("freed"), strings(r.out(), "outcome"), r::toString);
    for (ProcessHandle h : l.handles()) {
      assertFalse(Procs.running(h), "the rebinder was part of the tree");
    }
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), l.port()));
    }
  }

  /**
   * argv with escape sequences (ESC and C1), a newline, invalid UTF-8, a bidi override, a tag
   * character and a Hangul filler (bash exec -a), through list, text and JSON.
   */
  @Test
  void rawBytesInTheCommandLineNeverReachTheTerminal() throws Exception {
    List<String> java = dev.freeport.fixtures.Java.command(dev.freeport.fixtures.Listener.class);
    String argv0 = "$'evil\\e]0;owned\\a\\nPort 1 freed\\xff\\xfe"
        + "\\xe2\\x80\\xae" // U+202E right-to-left override
        + "\\xc2\\x9b31m" // U+009B, the one-character CSI
        + "\\xf3\\xa0\\x81\\x81" // U+E0041, an invisible tag 'A'
        + "\\xe3\\x85\\xa4'"; // U+3164, a letter drawn as nothing
    Started l = fixtures.start(List.of("bash", "-c", "exec -a " + argv0 + " " + String.join(" ", java)));
    for (String[] args : List.of(new String[] {"list", l.port() + ""}, new String[] {l.port() + "", "--dry-run"})) {
      CliRun.Result r = run(null, args);
      assertTrue(r.out().contains("evil?]0;owned??Port 1 freed\uFFFD\uFFFD??31m??"), r::toString);
      assertTrue(r.out().codePoints().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == 0x202e
          || c == 0xE0041 || c == 0x3164), r::toString);
      assertTrue(r.out().lines().noneMatch(line -> line.startsWith("Port 1 freed")), r::toString);
    }
    CliRun.Result json = run(null, "list", l.port() + "", "--json");
    assertTrue(json.out().chars().allMatch(c -> c < 0x7f && (c >= 0x20 || c == '\n')), json::toString);
    assertTrue(strings(json.out(), "command").get(0).contains(
        "evil\u001b]0;owned\u0007\nPort 1 freed\uFFFD\uFFFD\u202e\u009b31m\udb40\udc41\u3164"),
        "JSON keeps the exact text, escaped: " + json);
  }
}
