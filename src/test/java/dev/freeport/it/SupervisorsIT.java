package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Supervisor;
import dev.freeport.it.CliRun.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Supervisors that restart a stopped holder, real ones where they install here (supervisord),
 * shell loops and a Java supervisor with restart delays: freeport must say "respawned" and name
 * the supervisor (exit 1), or free the port for good with {@code --parent}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class SupervisorsIT {
  static final Path HOLDERS = PromisesIT.HOLDERS;
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Started shellLoop(String sleep) throws Exception {
    int port = freePort();
    return fixtures.start(List.of("bash", "-c",
        "while true; do python3 " + HOLDERS + " plain " + port + "; sleep " + sleep + "; done"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.2", "1"})
  void aShellLoopIsARespawnNamingTheLoop(String sleep) throws Exception {
    Started loop = shellLoop(sleep);
    Result r = CliRun.jar(Integer.toString(loop.port()), "--yes", "--json");
    assertEquals(1, r.code(), r::toString);
    assertEquals(List.of("respawned"), CliRun.strings(r.out(), "outcome"), r::toString);
    assertTrue(CliRun.strings(r.out(), "restartedBy").get(0).startsWith("a shell loop"), r::toString);
    assertTrue(CliRun.strings(r.out(), "instead").get(0).contains("--parent"), r::toString);
  }

  @Test
  void parentStopsTheLoopForGood() throws Exception {
    Started loop = shellLoop("0.2");
    Result r = CliRun.jar(Integer.toString(loop.port()), "--yes", "--parent");
    assertEquals(0, r.code(), r::toString);
    assertTrue(loop.process().waitFor(5, TimeUnit.SECONDS), "the loop was stopped");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "100", "1500"})
  void aSupervisorRestartingAfterADelayIsCaught(String delayMs) throws Exception {
    Started sup = fixtures.start(Supervisor.class, delayMs);
    Result r = CliRun.jar(Integer.toString(sup.port()), "--yes", "--json");
    assertEquals(1, r.code(), r::toString);
    assertEquals(List.of("respawned"), CliRun.strings(r.out(), "outcome"), r::toString);
    assertTrue(CliRun.numbers(r.out(), "pid").contains(sup.pid()), "the supervisor is named\n" + r);
    assertEquals(List.of("java"), CliRun.strings(r.out(), "restartedBy"), r::toString);
    Result text = CliRun.jar(Integer.toString(sup.port()), "--yes");
    assertTrue(text.err().contains("Watching java (PID " + sup.pid() + ") for a restart, up to 3.0 s"), text::toString);
  }

  @Test
  void parentOnADaemonWhoseParentIsInitStopsNothingAndSaysWhy() throws Exception {
    Started daemon = fixtures.start(List.of("python3", HOLDERS.toString(), "daemon"));
    Result r = CliRun.jar(Integer.toString(daemon.port()), "--yes", "--parent");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains("is a daemon whose parent is init: nothing above it to stop"), r::toString);
    assertTrue(r.out().lines().count() < 12, "a few lines, not PID 1's tree\n" + r);
    assertTrue(ProcessHandle.of(daemon.pid()).map(ProcessHandle::isAlive).orElse(false), "nothing was stopped");
  }

  @Test
  void supervisordWithAutorestartIsARespawnWithTheSupervisorctlCommand() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisord")), "Debian's supervisor is not installed");
    Path dir = Files.createTempDirectory("freeport-supervisord");
    int port = freePort();
    Path conf = dir.resolve("supervisord.conf");
    Files.writeString(conf, String.join("\n",
        "[supervisord]", "nodaemon=true", "logfile=/dev/null", "logfile_maxbytes=0", "pidfile=" + dir + "/s.pid",
        "[unix_http_server]", "file=" + dir + "/s.sock",
        "[supervisorctl]", "serverurl=unix://" + dir + "/s.sock",
        "[rpcinterface:supervisor]", "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "[program:web]", "command=python3 " + HOLDERS + " plain " + port, "autorestart=true", "startsecs=0",
        "stdout_logfile=/dev/null", "stderr_logfile=/dev/null", ""));
    Process supervisord = new ProcessBuilder("/usr/bin/supervisord", "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitListening(port);
      Result r = CliRun.jar(Integer.toString(port), "--yes", "--json");
      assertEquals(1, r.code(), r::toString);
      assertEquals(List.of("respawned"), CliRun.strings(r.out(), "outcome"), r::toString);
      assertEquals(List.of("supervisord"), CliRun.strings(r.out(), "restartedBy"), r::toString);
      assertTrue(CliRun.strings(r.out(), "instead").get(0).startsWith("supervisorctl stop web"), r::toString);
      Process ctl = new ProcessBuilder("supervisorctl", "-c", conf.toString(), "stop", "web")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(ctl.waitFor(20, TimeUnit.SECONDS));
      Result after = CliRun.jar(Integer.toString(port), "--dry-run");
      assertEquals(0, after.code(), "the suggested command freed it for good\n" + after);
    } finally {
      supervisord.destroy();
      if (!supervisord.waitFor(10, TimeUnit.SECONDS)) {
        supervisord.descendants().forEach(ProcessHandle::destroyForcibly);
        supervisord.destroyForcibly();
      }
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Runs pm2 with its own home (its daemon, its apps), so tests never touch a user's pm2. */
  static int pm2(Path home, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("pm2"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PM2_HOME", home.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pm2 " + String.join(" ", args));
    return p.exitValue();
  }

  static boolean pm2Installed() {
    return java.util.stream.Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "pm2")));
  }

  @Test
  void pm2WithARestartDelayIsARespawnWithThePm2Command() throws Exception {
    assumeTrue(pm2Installed(), "pm2 is not installed (npm install -g pm2)");
    Path home = Files.createTempDirectory("freeport-pm2");
    int port = freePort();
    try {
      assertEquals(0, pm2(home, "start", HOLDERS.toString(), "--interpreter", "python3", "--name", "web",
          "--restart-delay", "1500", "--", "plain", Integer.toString(port)));
      awaitListening(port);
      Result r = CliRun.jar(List.of("env", "PM2_HOME=" + home), Integer.toString(port), "--yes", "--json");
      assertEquals(1, r.code(), r::toString);
      assertEquals(List.of("respawned"), CliRun.strings(r.out(), "outcome"), r::toString);
      assertEquals(List.of("pm2"), CliRun.strings(r.out(), "restartedBy"), r::toString);
      assertTrue(CliRun.strings(r.out(), "instead").get(0).startsWith("pm2 stop web"), r::toString);
    } finally {
      pm2(home, "kill");
    }
  }

  @Test
  void thePm2DaemonHoldingAClusterSocketIsExplainedBeforeTheQuestion() throws Exception {
    assumeTrue(pm2Installed(), "pm2 is not installed (npm install -g pm2)");
    Path home = Files.createTempDirectory("freeport-pm2");
    int port = freePort();
    Path server = home.resolve("server.js");
    Files.writeString(server, "require('http').createServer((q, s) => s.end('ok')).listen(" + port + ", '127.0.0.1');\n");
    try {
      assertEquals(0, pm2(home, "start", server.toString(), "--name", "api", "-i", "2"));
      awaitListening(port);
      Result r = CliRun.jar(Integer.toString(port), "--dry-run");
      assertTrue(r.out().contains("it is the pm2 daemon itself"), r::toString);
      assertTrue(r.out().contains("pm2 stop NAME stops one app"), r::toString);
    } finally {
      pm2(home, "kill");
    }
  }

  /** A server started from an interactive shell in another terminal: no supervisor, no watch. */
  @Test
  void aJobOfAnInteractiveShellCostsNoWatch() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
    String session = "freeport-it-" + ProcessHandle.current().pid();
    int port = freePort();
    Process tmux = new ProcessBuilder("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "20",
        "bash --norc -i").start();
    assertEquals(0, tmux.waitFor());
    try {
      new ProcessBuilder("tmux", "send-keys", "-t", session, "python3 " + HOLDERS + " plain " + port, "Enter")
          .start().waitFor();
      awaitListening(port);
      Result r = CliRun.jar(Integer.toString(port), "--yes");
      assertEquals(0, r.code(), r::toString);
      assertFalse(r.err().contains("Watching"), "the shell does not restart its job: no watch\n" + r);
    } finally {
      new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
    }
  }

  /** Waits until something accepts connections on the port (a supervisor started it). */
  static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nothing listened on " + port + " in time");
  }
}
