package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forced step (freeze, kill, resume) in the environments that once broke promise 2: no
 * loadable native library, a Ctrl+Z and a SIGKILL while the tree is frozen (issue 19). The frozen
 * window is held open with {@code -Dfreeport.test.holdFrozen}, so a test acts inside it for sure.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class FreezeIT {
  private static final String HOLD = "-Dfreeport.test.holdFrozen=3000";
  @RegisterExtension final Fixtures fixtures = new Fixtures();
  private Process freeport;
  private List<ProcessHandle> tree;
  private Path log;

  @AfterEach
  void reap() throws Exception {
    if (freeport != null) {
      freeport.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      freeport.destroyForcibly();
      new ProcessBuilder("kill", "-CONT", Long.toString(freeport.pid())).start().waitFor();
      freeport.waitFor(30, TimeUnit.SECONDS);
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  /** Three processes holding one port, all ignoring SIGTERM, so the stop has to force them. */
  private Started tree() throws Exception {
    Started h = fixtures.start(List.of("python3", PromisesIT.HOLDERS.toString(), "tree", "3"));
    tree = new ArrayList<>();
    for (long pid : h.allPids()) {
      tree.add(ProcessHandle.of(pid).orElseThrow()); // with its start time: a pid reused later is not the holder
    }
    return h;
  }

  /**
   * A noexec /tmp and a read-only home (a common hardening): JNA cannot unpack its native part.
   * The kill needs no native library, so the port is freed all the same, without a freeze.
   */
  @Test
  void withoutANativeLibraryTheForcedStepStillKills() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounts need root");
    assumeTrue(new ProcessBuilder("unshare", "-m", "true").start().waitFor() == 0, "no mount namespace here");
    Started h = tree();
    String script = "h=$1; shift;"
        // /tmp stays as it is, only without exec (the checkout itself may be under /tmp)
        + " mount --bind /tmp /tmp && mount -o remount,bind,noexec /tmp"
        + " && mount --bind \"$h\" \"$h\" && mount -o remount,bind,ro \"$h\" || exit 96;"
        + " ! touch \"$h/.freeport-probe\" 2>/dev/null || exit 97;" // the home really is read-only
        + " p=$(mktemp /tmp/freeport-probe.XXXXXX) && printf '#!/bin/sh\\n' >\"$p\" && chmod +x \"$p\";"
        + " \"$p\" 2>/dev/null; e=$?; rm -f \"$p\"; [ $e -eq 126 ] || exit 98;" // /tmp really is noexec
        + " exec env -u HOME -u XDG_CACHE_HOME -u JAVA_TOOL_OPTIONS \"$@\"";
    Result r = CliRun.jar(List.of("unshare", "-m", "sh", "-c", script, "sh", System.getProperty("user.home")),
        Integer.toString(h.port()), "--yes", "--timeout", "200ms");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(), running(h), r::toString);
    assertTrue(PromisesIT.bindable(h.port()), "the port binds");
    assertFalse(r.err().contains("internal error"), r::toString);
  }

  /**
   * Runs a command as a job of a shell with job control: in a process group of its own whose
   * parent is in the same session, so that the group is not orphaned (the kernel discards a
   * SIGTSTP to an orphaned group, as a test run under a detached CI runner's would be).
   */
  private static final String JOB = "import os, sys\n"
      + "try:\n"
      + "    os.setsid()\n"
      + "except OSError:\n" // already a group leader: its child's group is not orphaned either
      + "    pass\n"
      + "pid = os.fork()\n"
      + "if pid == 0:\n"
      + "    os.setpgid(0, 0)\n"
      + "    os.execvp(sys.argv[1], sys.argv[1:])\n"
      + "sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) & 255)\n";

  /**
   * Ctrl+Z (SIGTSTP to freeport) while the tree is frozen: freeport finishes the kill first and
   * only then suspends, so no holder waits in state T while freeport does; on SIGCONT it ends as usual.
   */
  @Test
  void ctrlZWhileFrozenSuspendsFreeportOnlyAfterTheKill() throws Exception {
    Started h = tree();
    freeport = start(List.of("python3", "-c", JOB), h);
    long pid = only(freeport.toHandle());
    awaitFrozen(h);
    signal("-TSTP", pid);
    assertTrue(Procs.await(() -> Procs.state(pid) == 'T', Duration.ofSeconds(30)),
        "freeport did not suspend: " + Procs.state(pid) + "\n" + output());
    assertEquals(List.of(), Procs.inState(h.allPids(), 'T'), "frozen while freeport is suspended");
    // SIGKILL was sent before freeport suspended; the kernel may still be taking a process down
    assertTrue(Procs.await(() -> running(h).isEmpty(), Duration.ofSeconds(5)),
        "killed before freeport suspended, so they end while it stays suspended: " + running(h));
    assertEquals('T', Procs.state(pid), "still suspended");
    signal("-CONT", pid);
    assertTrue(freeport.waitFor(30, TimeUnit.SECONDS), "freeport hung after SIGCONT\n" + output());
    assertEquals(0, freeport.exitValue(), output());
  }

  /** freeport below the job's shell (python3 may be a shim that runs helpers of its own first). */
  private static long only(ProcessHandle job) throws Exception {
    long[] found = {-1};
    assertTrue(Procs.await(() -> {
      job.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")
              && p.info().arguments().map(a -> List.of(a).contains(HOLD)).orElse(false))
          .findFirst().ifPresent(p -> found[0] = p.pid());
      return found[0] > 0;
    }, Duration.ofSeconds(30)), "freeport never started");
    return found[0];
  }

  /**
   * SIGKILL to freeport while the tree is frozen (an OOM kill; {@code timeout -s KILL} and a
   * cancelled CI job kill its whole process group): what freeport froze runs again within a bound.
   */
  @ParameterizedTest
  @ValueSource(strings = {"freeport", "its process group"})
  void sigkillWhileFrozenLeavesNothingFrozen(String target) throws Exception {
    Started h = tree();
    freeport = start(List.of("setsid"), h); // its own process group, as timeout(1) makes one
    awaitFrozen(h);
    signal("-KILL", target.equals("freeport") ? freeport.pid() : -freeport.pid());
    assertTrue(freeport.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Procs.await(() -> Procs.inState(h.allPids(), 'T').isEmpty(), Duration.ofSeconds(5)),
        "left frozen: " + Procs.inState(h.allPids(), 'T') + "\n" + output());
  }

  /** The jar after {@code prefix}, its frozen window held open; stdout and stderr to one file. */
  private Process start(List<String> prefix, Started h) throws IOException {
    log = Files.createTempFile("freeport-freeze", ".log");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Java.executable(), HOLD, "-jar", CliRun.jarPath().toString(), Integer.toString(h.port()),
        "--yes", "--timeout", "100ms"));
    return new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private void awaitFrozen(Started h) throws Exception {
    assertTrue(Procs.await(() -> Procs.inState(h.allPids(), 'T').size() == h.allPids().size(), Duration.ofSeconds(30)),
        "the tree was never frozen\n" + output());
  }

  /** The tree's processes still running (not exited, not a zombie), by pid and start time. */
  private List<Long> running(Started h) {
    return tree.stream().filter(Procs::running).map(ProcessHandle::pid).toList();
  }

  private static void signal(String signal, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", signal, "--", Long.toString(pid)).start().waitFor());
  }

  private String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
