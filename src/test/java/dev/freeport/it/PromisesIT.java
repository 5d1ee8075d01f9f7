package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four promises, each against the real process that once broke it (issue 10's list), run
 * through the packaged jar as users run it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class PromisesIT {
  static final Path HOLDERS = Path.of("src/test/resources/fixtures/holders.py").toAbsolutePath();
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  Started holder(String mode, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", HOLDERS.toString(), mode));
    cmd.addAll(List.of(args));
    return fixtures.start(cmd);
  }

  /** Issue 10, 1: training freed "port N" on every address; now it signals only its own child. */
  @Test
  void trainingStopsOnlyTheListenerItStarted() throws Exception {
    Started stranger = fixtures.listener("--addr", "127.0.0.2");
    Started own = fixtures.listener("--port", Integer.toString(stranger.port()));
    assertEquals(stranger.port(), own.port());
    dev.freeport.TrainingAccess.stopOnly(own.pid(), own.port());
    assertTrue(Procs.running(stranger.pid()), "a listener on another address with the same port survives");
    assertFalse(Procs.running(own.pid()));
  }

  /** Issue 10, 2: the forced re-read killed a child the plan refused. */
  @Test
  void aRefusedChildIsNeverSignalledByTheForcedStep() throws Exception {
    Path dir = Files.createTempDirectory("freeport-init");
    Path init = Files.copy(Path.of("/bin/sleep"), dir.resolve("init"), StandardCopyOption.COPY_ATTRIBUTES);
    try {
      Started h = holder("refused-child", init.toString());
      long child = h.descendants().get(0);
      Result dry = CliRun.jar(Integer.toString(h.port()), "--dry-run");
      assertTrue(dry.out().contains("will not be stopped"), dry::toString);
      Result r = CliRun.jar(Integer.toString(h.port()), "--yes", "--timeout", "200ms");
      assertEquals(0, r.code(), r::toString);
      assertTrue(Procs.running(child), "init was signalled: " + Procs.state(child) + "\n" + r);
      assertNotEquals('T', Procs.state(child));
      assertFalse(r.out().contains("started during the stop"), r::toString);
      assertFalse(Procs.running(h.pid()));
    } finally {
      Files.deleteIfExists(init);
      Files.deleteIfExists(dir);
    }
  }

  /** Issue 10, 3: a holder skipped on its own port was stopped as part of another holder's tree. */
  @Test
  void aSkippedHolderIsNeverStoppedThroughAnotherPortsTree() throws Exception {
    List<String> child = Java.command(dev.freeport.fixtures.Listener.class);
    Started parent = holder("parent-of", child.toArray(new String[0]));
    long javaChild = parent.descendants().get(0);
    String childPort = parent.await("CHILD").split(" ")[1];
    Result r = CliRun.jar(parent.port() + "," + childPort, "--yes", "--name", "python*", "--json");
    assertEquals(1, r.code(), r::toString);
    assertTrue(Procs.running(javaChild), "the skipped java holder was signalled\n" + r);
    assertFalse(Procs.running(parent.pid()));
    boolean parentFirst = parent.port() < Integer.parseInt(childPort);
    assertEquals(parentFirst ? List.of("freed", "still-busy") : List.of("still-busy", "freed"),
        CliRun.strings(r.out(), "outcome"), r::toString);
  }

  /** Issue 10, 4: SIGINT right after the freeze left hundreds of processes stopped (state T). */
  @Test
  void ctrlCRightAfterTheFreezeLeavesNothingFrozen() throws Exception {
    Started tree = holder("tree", "1000");
    Result r = JarIT.interruptAt("Forcing", Integer.toString(tree.port()), "--yes", "--timeout", "300ms");
    assertEquals(130, r.code(), r::toString);
    List<Long> frozen = tree.allPids().stream().filter(pid -> Procs.state(pid) == 'T').toList();
    assertEquals(List.of(), frozen, "left frozen");
    String line = r.err().lines().filter(l -> l.startsWith("freeport: interrupted:")).findFirst().orElseThrow();
    assertTrue(line.contains("none is left frozen"), line);
    assertTrue(line.length() < 200, "a count, not a wall of PIDs: " + line);
    assertTrue(tree.allPids().stream().noneMatch(Procs::running), "the confirmed kill was finished");
  }

  /** Issue 10, 5: no listener, but an accepted connection (no SO_REUSEADDR) keeps the port. */
  @Test
  void anAcceptedConnectionLeftOnThePortIsNotFreeAndIsStopped() throws Exception {
    Started h = holder("accepted");
    Result dry = CliRun.jar(Integer.toString(h.port()), "--dry-run", "--json");
    assertEquals(1, dry.code(), dry::toString);
    assertTrue(CliRun.numbers(dry.out(), "pid").contains(h.pid()), dry::toString);
    Result r = CliRun.jar(Integer.toString(h.port()), "--yes");
    assertEquals(0, r.code(), r::toString);
    assertFalse(Procs.running(h.pid()));
    assertTrue(bindable(h.port()), "freed means a server can bind it");
  }

  /** What promise 3 is about: a server binding the port the usual way (SO_REUSEADDR). */
  static boolean bindable(int port) throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (java.net.BindException e) {
      return false;
    }
  }

  /**
   * A connection closed without SO_LINGER 0 by a server without SO_REUSEADDR leaves TIME_WAIT that
   * blocks even a server with SO_REUSEADDR: freeport must say so, not "freed".
   */
  @Test
  void timeWaitLeftBySocketsWithoutReuseIsReportedNotFreed() throws Exception {
    Started h = holder("accepted", "--no-linger");
    Result r = CliRun.jar(Integer.toString(h.port()), "--yes", "--json");
    assertEquals(bindable(h.port()) ? 0 : 1, r.code(), "exit 0 exactly when a server can bind it\n" + r);
  }

  /** Issue 10, 5: a connected UDP socket keeps its port from being bound. */
  @Test
  void aConnectedUdpSocketIsNotFree() throws Exception {
    Started h = holder("udp-connected");
    Result dry = CliRun.jar(Integer.toString(h.port()), "--udp", "--dry-run");
    assertEquals(1, dry.code(), dry::toString);
    assertTrue(dry.out().contains("PID " + h.pid()), dry::toString);
  }

  /** Issue 10, 7: a hanging docker CLI made a dry run of 5 ports take 20 s and left orphans. */
  @Test
  void aHangingDockerCliCostsAtMostItsBoundOnceAndLeavesNothingBehind() throws Exception {
    Path dir = Files.createTempDirectory("freeport-docker");
    try {
      Path proxy = Files.createSymbolicLink(dir.resolve("docker-proxy"), Path.of(Java.executable()));
      List<String> ports = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        List<String> cmd = new ArrayList<>(Java.command(dev.freeport.fixtures.Listener.class));
        cmd.set(0, proxy.toString());
        ports.add(Integer.toString(fixtures.start(cmd).port()));
      }
      String marker = "freeport-orphan-" + System.nanoTime();
      Path docker = dir.resolve("docker");
      Files.writeString(docker, "#!/bin/sh\nexec -a " + marker + " sleep 300 &\nsleep 300\n");
      docker.toFile().setExecutable(true);
      long start = System.nanoTime();
      Result r = CliRun.jar(List.of("env", "PATH=" + dir + ":" + System.getenv("PATH")),
          String.join(",", ports), "--dry-run");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(5, r.code(), r::toString);
      assertTrue(millis < 10_000, "the lookup is bounded once per run, not per holder: " + millis + " ms");
      try (var procs = Files.list(Path.of("/proc"))) {
        List<String> left = procs.map(p -> p.resolve("cmdline")).filter(Files::isReadable).map(p -> {
          try {
            return Files.readString(p);
          } catch (IOException e) {
            return "";
          }
        }).filter(c -> c.startsWith(marker)).toList();
        assertEquals(List.of(), left, "the lookup's background child was reaped");
      }
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  /** --signal INT stops a server that only exits on Ctrl+C, without forcing it. */
  @Test
  void signalIntStopsAServerThatOnlyExitsOnCtrlCWithoutForcing() throws Exception {
    Started h = holder("int-only");
    Result r = CliRun.jar(Integer.toString(h.port()), "--yes", "--json", "--signal", "INT", "--timeout", "10s");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("graceful"), CliRun.strings(r.out(), "method"), r::toString);
    assertTrue(r.millis() < 9_000, "it exited on SIGINT, not after the timeout");
  }

  @Test
  void aSignalThisOsDoesNotHaveIsAUsageError() throws Exception {
    Result r = CliRun.jar("8080", "--signal", "close");
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().contains("--signal close does not exist on this OS"), r::toString);
    assertEquals(2, CliRun.jar("8080", "--signal", "KILL").code(), "the forced step is not a graceful request");
  }

  /** Issue 10, 8: with a low fd limit, pidfd_open failed and live processes were "already exited". */
  @Test
  void aLowDescriptorLimitStillStopsEveryProcess() throws Exception {
    Started many = holder("many", "200");
    Result r = CliRun.jar(List.of("prlimit", "--nofile=128:128", "--"), Integer.toString(many.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertFalse(CliRun.strings(r.out(), "method").contains("gone"), "no live process was taken for exited\n" + r);
    assertTrue(many.allPids().stream().noneMatch(Procs::running));
  }

  /** Issue 10, 9: a socket held only by a thread (the main thread exited) was "another namespace". */
  @Test
  void aSocketHeldByAThreadWhoseMainThreadExitedIsFoundAndStopped() throws Exception {
    Started h = holder("main-thread-exits");
    Result r = CliRun.jar(Integer.toString(h.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertTrue(CliRun.numbers(r.out(), "pid").contains(h.pid()), r::toString);
    assertFalse(Procs.running(h.pid()));
  }

  /** Issue 10, 9: a socket in flight in an SCM_RIGHTS message is not blamed on a namespace. */
  @Test
  void aSocketInFlightIsNeverFreeAndItsDiagnosisIsTrue() throws Exception {
    Started h = holder("in-flight");
    Result r = CliRun.jar(Integer.toString(h.port()), "--dry-run");
    assertNotEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("in flight") || r.out().contains("could not be read"), r::toString);
    assertTrue(Procs.running(h.pid()));
  }

  /** Issue 10, 9: a holder that forks and exits is not reported as stopped by freeport. */
  @Test
  void aHolderThatForksAndExitsIsReportedAsANewHolderNotAsStopped() throws Exception {
    Started h = holder("fork-and-exit");
    try {
      Result r = CliRun.jar(Integer.toString(h.port()), "--yes", "--json");
      assertEquals(1, r.code(), r::toString);
      assertTrue(CliRun.strings(r.out(), "detail").stream().anyMatch(d -> d.contains("not shown before")), r::toString);
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + h.pid()).start().waitFor(); // its own session
    }
  }

  /** Issue 10, 9: as nobody, a socket root shares with nobody's process looked held by nobody's alone. */
  @Test
  void aSocketSharedWithAnUnreadableProcessIsNotReportedCompleteToAnUnprivilegedUser() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop privileges");
    Started h = holder("shared-with-nobody");
    List<String> drop = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp");
    Result r = CliRun.jarAsAnyUser(drop, Integer.toString(h.port()), "--dry-run", "--json");
    assertTrue(r.out().contains("\"ownerHidden\" : true"), r::toString);
    assertEquals(4, r.code(), r::toString);
  }
}
