package dev.freeport.it;

import static dev.freeport.it.CliRun.run;
import static dev.freeport.it.CliRun.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.kill.Terminator;
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
          String stat = Files.readString(p.resolve("stat"));
          char state = stat.charAt(stat.lastIndexOf(')') + 2);
          return cmd.equals("sleep " + marker) && state != 'Z';
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
  void aProcessWithAnotherStartTimeIsNeverSignalled() throws Exception {
    Started l = fixtures.listener();
    LinuxHost host = new LinuxHost(Path.of("/proc"));
    ProcessRef real = host.processes().identify(l.pid()).orElseThrow();
    ProcessRef reused = new ProcessRef(real.pid(), real.startTime() - 1); // an earlier owner of this PID
    try (Terminator t = host.openTerminator()) {
      assertEquals(Terminator.Delivery.GONE, t.send(reused, Terminator.Action.FORCE));
      assertEquals(Terminator.Delivery.GONE, t.send(reused, Terminator.Action.GRACEFUL));
      assertEquals(List.of(reused).size(), t.awaitExit(List.of(reused), Duration.ZERO).size() + 1,
          "a process that is not ours is not waited for");
    }
    assertTrue(l.alive(), "the process now holding that PID was not touched");
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
}
