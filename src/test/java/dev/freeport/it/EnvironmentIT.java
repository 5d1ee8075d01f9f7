package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Java;
import dev.freeport.it.CliRun.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Environments users really have, run through freeport's own launchers with real processes.
 *
 * <p>JVM options in the environment: JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS are
 * meant for the user's Java applications. Every launcher drops them for freeport's own JVM, so
 * {@code -Djava.net.preferIPv4Stack=true} there neither takes away freeport's IPv6 check of a
 * port nor puts a "Picked up ..." line on stderr under --quiet, and the start-up archive is
 * still trained.
 *
 * <p>A PID namespace without its own /proc ({@code unshare -p -f}, no {@code --mount-proc}): the
 * PIDs /proc shows are not the ones kill(2) reaches there, so freeport refuses in one line, exit
 * 70, before it looks; with its own /proc it works as anywhere.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class EnvironmentIT {
  private static final String IPV4_ONLY = "-Djava.net.preferIPv4Stack=true";

  private static final Path CHECKOUT_LAUNCHER = Path.of("scripts/freeport").toAbsolutePath();
  private static final Path LAUNCH_SH = Path.of("scripts/launch.sh").toAbsolutePath();

  /**
   * A port a server cannot bind on [::] while nothing holds it: a connection from [::1]:P,
   * closed first by a socket without SO_REUSEADDR, stays in TIME_WAIT for a minute; binding the
   * IPv4 wildcard still works, so only an IPv6 check sees it.
   */
  private static int timeWaitOnIpv6Loopback() throws IOException {
    InetAddress loopback6;
    try (ServerSocket probe = new ServerSocket()) {
      loopback6 = InetAddress.getByName("::1");
      probe.bind(new InetSocketAddress(loopback6, 0));
    } catch (IOException e) {
      skipOutsideCi("no IPv6 loopback here: " + e);
      throw e;
    }
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(loopback6, 0));
      Socket client = new Socket();   // a client socket: no SO_REUSEADDR
      client.bind(new InetSocketAddress(loopback6, 0));
      int port = client.getLocalPort();
      client.connect(server.getLocalSocketAddress());
      try (Socket accepted = server.accept()) {
        client.close();               // the client closes first: its side goes to TIME_WAIT
      }
      return port;
    }
  }

  private static void assertNotSteered(String variable, String launcher, Result r) {
    String why = variable + "=" + IPV4_ONLY + " through " + launcher + ": " + r;
    assertFalse(r.err().contains("Picked up"), "the JVM's notice breaks --quiet: " + why);
    assertFalse(r.err().contains("preferIPv4Stack"), "freeport's JVM took the option: " + why);
    // 1, not 6 (unverified): the IPv6 check was made, and it found the port taken.
    assertEquals(1, r.code(), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
  void jvmOptionsMeantForApplicationsDoNotSteerTheCheckoutLauncher(String variable) throws Exception {
    int port = timeWaitOnIpv6Loopback();
    Result r = Shell.run(Path.of("/"), Map.of(variable, IPV4_ONLY), false, 120,
        List.of(CHECKOUT_LAUNCHER.toString(), Integer.toString(port), "--quiet", "--yes"));
    assertNotSteered(variable, "scripts/freeport", r);
  }

  /**
   * The launcher scripts/install writes (the portable archive's bin/freeport is the same
   * launch.sh), with a class archive folder of its own: the first run trains the archive, which
   * starts a JVM of freeport's own too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
  void jvmOptionsMeantForApplicationsDoNotSteerTheInstalledLauncherNorItsTraining(String variable)
      throws Exception {
    Path dir = Files.createTempDirectory("freeport-env");
    try {
      Path cds = dir.resolve("cds");
      Path launcher = dir.resolve("freeport");
      Files.writeString(launcher, "#!/bin/sh\njar='" + CliRun.jarPath().toAbsolutePath() + "'\ncds_dir='" + cds
          + "'\ncheckout=\n. '" + LAUNCH_SH + "'\n", StandardCharsets.UTF_8);
      assertTrue(launcher.toFile().setExecutable(true, true));
      Map<String, String> env = Map.of(variable, IPV4_ONLY, "FREEPORT_CDS", "1");

      int port = timeWaitOnIpv6Loopback();
      Result first = Shell.run(Path.of("/"), env, false, 180, List.of(launcher.toString(), Integer.toString(port), "--quiet", "--yes"));
      assertNotSteered(variable, "launch.sh, training", first);
      List<Path> archives;
      try (var files = Files.list(cds)) {
        archives = files.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList();
      }
      assertEquals(1, archives.size(), "the start-up archive was trained: " + archives + "\n" + first);

      Result mapped = Shell.run(Path.of("/"), env, false, 120, List.of(launcher.toString(), Integer.toString(port), "--quiet", "--yes"));
      assertNotSteered(variable, "launch.sh, archive mapped", mapped);
    } finally {
      Shell.delete(dir);
    }
  }

  /** The self-contained runtime's bin/freeport (the .deb's and linux-x64 npm package's too). */
  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
  void jvmOptionsMeantForApplicationsDoNotSteerTheSelfContainedLauncher(String variable) throws Exception {
    String name = "freeport-" + Shell.version() + "-linux-x64";
    Path tar = Path.of("target", name + ".tar.gz");
    if (!Files.exists(tar)) {
      skipOutsideCi("not built (-Dfreeport.quick=true): " + tar);
    }
    Path dir = Files.createTempDirectory("freeport-runtime");
    try {
      Result untar = Shell.run(dir, Map.of(), "tar", "-xzf", Shell.artifact(name + ".tar.gz").toString());
      assertEquals(0, untar.code(), untar::toString);
      int port = timeWaitOnIpv6Loopback();
      Result r = Shell.run(Path.of("/"), Map.of(variable, IPV4_ONLY), false, 120,
          List.of(dir.resolve(name + "/bin/freeport").toString(), Integer.toString(port), "--quiet", "--yes"));
      assertNotSteered(variable, "the self-contained bin/freeport", r);
    } finally {
      Shell.delete(dir);
    }
  }

  /** The npm package's launcher where it runs the jar on the machine's Java (not linux-x64's runtime). */
  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
  void jvmOptionsMeantForApplicationsDoNotSteerTheNpmLauncher(String variable) throws Exception {
    if (!onPath("node")) {
      skipOutsideCi("needs node (.ci/run installs npm)");
    }
    Path dir = Files.createTempDirectory("freeport-npm");
    try {
      Files.createDirectories(dir.resolve("bin"));
      Files.createDirectories(dir.resolve("lib"));
      Path js = Files.copy(Path.of("src/dist/npm/freeport-cli/bin/freeport.js"), dir.resolve("bin/freeport.js"));
      Files.createSymbolicLink(dir.resolve("lib/freeport.jar"), CliRun.jarPath().toAbsolutePath());
      int port = timeWaitOnIpv6Loopback();
      Result r = Shell.run(Path.of("/"), Map.of(variable, IPV4_ONLY), false, 120,
          List.of("node", js.toString(), Integer.toString(port), "--quiet", "--yes"));
      assertNotSteered(variable, "freeport.js", r);
    } finally {
      Shell.delete(dir);
    }
  }

  /**
   * Inside a new PID namespace (init: this script): a listener (the holder), and a process that
   * has, in this namespace, the PID that /proc shows the holder by (the victim: placed with
   * ns_last_pid); then freeport PORT --yes. Writes to $OUT: code, err, holder (alive or gone)
   * and victim-signalled when the victim got SIGTERM. When the script ends, the kernel ends
   * everything in the namespace.
   */
  private static final String IN_NAMESPACE = """
      set -u
      py=$(python3 -c 'import sys; print(sys.executable)')   # the real one: a pyenv shim forks
      mkfifo "$OUT/holder.fifo" "$OUT/victim.fifo"
      "$py" -c 'import os, socket, time
      s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
      print(s.getsockname()[1], os.readlink("/proc/self"), flush=True); time.sleep(150)' >"$OUT/holder.fifo" &
      read -r port shown <"$OUT/holder.fifo"
      if [ "$VICTIM" = 1 ]; then
        echo $((shown - 1)) >/proc/sys/kernel/ns_last_pid
        "$py" -c 'import os, signal, sys, time
      def term(*_):
          open(sys.argv[1], "w").write("SIGTERM"); os._exit(0)
      signal.signal(signal.SIGTERM, term); print("ready", flush=True); time.sleep(150)' "$OUT/victim-signalled" >"$OUT/victim.fifo" &
        victim=$!
        read -r _ <"$OUT/victim.fifo"
        echo "$victim" >"$OUT/victim"
      fi
      echo "$shown" >"$OUT/shown"
      "$JAVA" -jar "$JAR" "$port" --yes >"$OUT/out" 2>"$OUT/err"
      echo $? >"$OUT/code"
      state=$(cut -d' ' -f3 "/proc/$shown/stat" 2>/dev/null) || state=
      case $state in '' | Z | X) echo gone ;; *) echo alive ;; esac >"$OUT/holder"
      """;

  private static String read(Path dir, String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : "(none)";
  }

  /** Runs {@link #IN_NAMESPACE} under unshare with these options; returns its $OUT folder. */
  private static Path inNewPidNamespace(boolean victim, String... unshareOptions) throws Exception {
    Result can = Shell.run(Path.of("/"), Map.of(), false, 30, List.of("unshare", "-p", "-f", "--kill-child", "true"));
    if (can.code() != 0) {
      skipOutsideCi("unshare -p -f is not permitted here (needs root or CAP_SYS_ADMIN): " + can);
    }
    Path out = Files.createTempDirectory("freeport-pidns");
    List<String> command = new ArrayList<>(List.of("unshare", "-p", "-f", "--kill-child"));
    command.addAll(List.of(unshareOptions));
    command.addAll(List.of("sh", "-c", IN_NAMESPACE));
    Result r = Shell.run(Path.of("/"), Map.of("OUT", out.toString(), "VICTIM", victim ? "1" : "0",
        "JAVA", Java.executable(), "JAR", CliRun.jarPath().toAbsolutePath().toString()),
        false, 150, command);
    assertEquals(0, r.code(), r::toString);
    return out;
  }

  /**
   * unshare -p -f without --mount-proc: /proc is the outer namespace's, so the holder's PID there
   * is, in freeport's namespace, the victim's. freeport refuses before it looks: one line, exit 70.
   */
  @Test
  void aPidNamespaceWithoutItsOwnProcIsRefusedAndNothingIsSignalled() throws Exception {
    Path out = inNewPidNamespace(true);
    try {
      String report = "code " + read(out, "code") + ", holder " + read(out, "holder") + ", shown as PID "
          + read(out, "shown") + ", victim PID " + read(out, "victim") + "\n--- stdout\n" + read(out, "out")
          + "\n--- stderr\n" + read(out, "err");
      assertEquals(read(out, "shown"), read(out, "victim"), "the victim has the holder's /proc PID: " + report);
      assertEquals("(none)", read(out, "victim-signalled"), "a process freeport never showed got SIGTERM: " + report);
      assertEquals("alive", read(out, "holder"), "nothing is signalled: " + report);
      assertEquals("70", read(out, "code"), report);
      String err = read(out, "err");
      assertEquals(1, err.lines().count(), report);
      assertTrue(err.startsWith("freeport: ") && err.contains("PID namespace") && err.contains("--mount-proc"), report);
      assertEquals("", read(out, "out"), report);
    } finally {
      Shell.delete(out);
    }
  }

  /** With its own /proc (unshare --mount-proc) freeport works in a PID namespace as anywhere. */
  @Test
  void aPidNamespaceWithItsOwnProcWorks() throws Exception {
    Path out = inNewPidNamespace(false, "--mount-proc");
    try {
      String report = "code " + read(out, "code") + ", holder " + read(out, "holder") + "\n--- stdout\n"
          + read(out, "out") + "\n--- stderr\n" + read(out, "err");
      assertEquals("0", read(out, "code"), report);
      assertEquals("gone", read(out, "holder"), report);
    } finally {
      Shell.delete(out);
    }
  }

  /** Skips the test for this reason; in CI (CI=true), where every environment must be tested, fails it. */
  private static void skipOutsideCi(String reason) {
    assertFalse("true".equals(System.getenv("CI")), "CI must run this test: " + reason);
    assumeTrue(false, reason);
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
