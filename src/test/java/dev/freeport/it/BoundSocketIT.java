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
import dev.freeport.testing.Locales;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19, 2: a TCP socket bound to a port without SO_REUSEADDR that does not listen (a server
 * between bind and listen, a client bound to a fixed source port) holds the port, though no
 * /proc/net table lists it. Freeport names its holder, stops it, never calls the port free while
 * it is held, in every locale (the C library's messages are translated), and never loads the
 * search for it when a listener is all there is.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sock_diag and /proc")
class BoundSocketIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  private Started bound() throws Exception {
    return fixtures.start(List.of("python3", PromisesIT.HOLDERS.toString(), "bound"));
  }

  /** A server's bind of the port, without SO_REUSEADDR, as the holder made it. */
  private static boolean bindable(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (java.net.BindException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"C.UTF-8", "de_DE.UTF-8", "ko_KR.UTF-8", "ja_JP.UTF-8"})
  void theHolderIsNamedAndStoppedAndThePortNeverCalledFree(String locale) throws Exception {
    Locales.require(locale);
    Started h = bound();
    String port = Integer.toString(h.port());
    List<String> env = List.of("env", "LC_ALL=" + locale, "LANG=" + locale);
    assertFalse(bindable(h.port()), "the fixture holds the port");

    Result dry = CliRun.jar(env, port, "--dry-run");
    assertEquals(1, dry.code(), dry::toString);
    assertTrue(dry.out().contains("PID " + h.pid()), dry::toString);
    assertTrue(dry.out().contains("(bound, not listening)"), dry::toString);

    Result json = CliRun.jar(env, port, "--dry-run", "--json");
    assertTrue(CliRun.numbers(json.out(), "pid").contains(h.pid()), json::toString);
    assertTrue(CliRun.strings(json.out(), "kind").contains("bound"), json::toString);

    Result find = CliRun.jar(env, "find", port);
    assertFalse(find.out().lines().anyMatch(port::equals), "find offered the held port\n" + find);

    Result stop = CliRun.jar(env, port, "-y");
    assertEquals(0, stop.code(), stop::toString);
    assertFalse(Procs.running(h.pid()), "the holder was stopped\n" + stop);
    assertTrue(bindable(h.port()), "exit 0 means a server can bind it\n" + stop);
  }

  /**
   * The check after a stop looks for bound sockets again where they were found: a holder the
   * filter skipped is named as still holding the port, not explained away.
   */
  @Test
  void theCheckAfterAStopFindsABoundHolderAgain() throws Exception {
    Started h = bound();
    Result r = CliRun.jar(Integer.toString(h.port()), "-y", "--name", "no-such-program", "--json");
    assertEquals(1, r.code(), r::toString);
    assertEquals(List.of("still-busy"), CliRun.strings(r.out(), "outcome"), r::toString);
    assertTrue(CliRun.strings(r.out(), "detail").get(0).startsWith("still held by PID " + h.pid()), r::toString);
    assertTrue(Procs.running(h.pid()));
  }

  /** As nobody, root's bound socket is seen (sock_diag needs no privilege) but not its holder: permission, exit 4. */
  @Test
  void anotherUsersHolderIsHiddenNotFree() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop privileges");
    Started h = bound();
    List<String> drop = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp");
    Result r = CliRun.jarAsAnyUser(drop, Integer.toString(h.port()), "-y");
    assertEquals(4, r.code(), r::toString);
    assertTrue(Procs.running(h.pid()), "never signalled\n" + r);
    assertFalse(bindable(h.port()));
  }

  /** Without JNA the bound sockets are not searched, and the port is still not free. */
  @Test
  void withoutNativeCallsThePortIsStillNotFreeAndTheMessageSaysWhatWasNotSearched() throws Exception {
    Started h = bound();
    String port = Integer.toString(h.port());
    List<String> noJna = List.of("-Djna.nosys=true", "-Djna.boot.library.path=/nonexistent", "-Djna.nounpack=true");
    for (String[] args : List.of(new String[] {port, "--dry-run"}, new String[] {port, "-y"})) {
      Result r = java(noJna, args);
      assertEquals(1, r.code(), r::toString);
      assertTrue(r.out().contains("not searched: TCP sockets bound without listening"), r::toString);
      assertFalse(r.out().contains("already free") || r.out().contains(" freed"), r::toString);
      assertTrue(Procs.running(h.pid()), "a holder never shown is never signalled\n" + r);
    }
    Result find = java(noJna, "find", port);
    assertFalse(find.out().lines().anyMatch(port::equals), find::toString);
  }

  /**
   * Listing, a dry run and a stop of a listening port never load the search: it runs only after a
   * failed bind. Listing and the dry run load no JNA at all; the stop loads it anyway, for the
   * freeze (SIGSTOP through libc), so there only the search's own classes are looked for. The
   * bound port's dry run shows that the log would show them.
   */
  @Test
  void theSearchIsLoadedOnlyAfterAFailedBind() throws Exception {
    Started l = fixtures.listener();
    String port = Integer.toString(l.port());
    assertEquals(List.of(), searchClassesLoaded(true, "list"), "list");
    assertEquals(List.of(), searchClassesLoaded(true, port, "--dry-run"), "dry run");
    assertEquals(List.of(), searchClassesLoaded(false, port, "--yes"), "stop");
    assertFalse(l.alive());
    Started h = bound();
    assertTrue(searchClassesLoaded(false, Integer.toString(h.port()), "--dry-run").stream()
        .anyMatch(c -> c.contains("SockDiag")), "the log shows the search when it runs");
  }

  /** The search's classes (and with {@code jna}, any of JNA's) that a run loads. */
  private static List<String> searchClassesLoaded(boolean jna, String... args) throws Exception {
    Path log = Files.createTempFile("freeport-classes", ".log");
    try {
      java(List.of("-Xlog:class+load:file=" + log), args);
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        if ((jna && line.contains(" com.sun.jna.")) || line.contains("dev.freeport.platform.linux.jna.")
            || line.contains("BoundSockets") || line.contains("SockDiag") || line.contains("ProcDescriptors")
            || line.contains("LinuxSyscalls")) {
          out.add(line);
        }
      }
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The packaged jar with these JVM options, stdin from /dev/null, bounded to a minute. */
  private static Result java(List<String> jvm, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Java.executable()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", CliRun.jarPath().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "freeport hung: " + cmd);
    assertNotEquals(-1, p.exitValue());
    return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8), 0);
  }
}
