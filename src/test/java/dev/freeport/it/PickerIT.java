package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.Java;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interactive picker in a real terminal: tmux runs the jar in a shell, send-keys types, and
 * capture-pane reads the screen. Each test waits for what it expects on the screen, with a bound.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "tmux and real processes; see README")
class PickerIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();
  String session;

  @BeforeEach
  void tmux() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
    session = "freeport-picker-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  }

  @AfterEach
  void close() throws Exception {
    run("tmux", "kill-session", "-t", session);
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  /** Starts freeport (no PORT) in a fresh shell of this size; the shell prints EXIT=code after. */
  void open(int width, String... args) throws Exception {
    run("tmux", "new-session", "-d", "-s", session, "-x", Integer.toString(width), "-y", "24", "bash --norc -i");
    String jar = CliRun.jarPath().toAbsolutePath().toString();
    keys(Java.executable() + " -jar " + jar + " " + String.join(" ", args) + "; echo EXIT=$?", "Enter");
    screen(s -> s.contains("listening"), "the picker");
  }

  void keys(String... keys) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
    cmd.addAll(List.of(keys));
    run(cmd.toArray(new String[0]));
  }

  void type(String text) throws Exception {
    keys("-l", text);
  }

  /** Waits until the screen shows what {@code expected} accepts (at most 20 s); returns it. */
  String screen(Predicate<String> expected, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String s = "";
    while (System.nanoTime() < deadline) {
      s = run("tmux", "capture-pane", "-p", "-t", session);
      if (expected.test(s)) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never showed " + what + ":\n" + s);
  }

  @Test
  void filterToOnePortAndFreeIt() throws Exception {
    Started a = fixtures.listener();
    Started b = fixtures.listener();
    open(120);
    type(Integer.toString(b.port()));
    screen(s -> s.contains("1 of ") && s.contains(Integer.toString(b.port())), "one row");
    keys("Enter");
    screen(s -> s.contains("[y/N]"), "the question");
    type("y");
    keys("Enter");
    String s = screen(t -> t.lines().anyMatch(l -> l.matches("EXIT=\\d+")), "the end");
    assertTrue(s.contains("Port " + b.port() + " freed"), s);
    assertTrue(s.contains("EXIT=0"), s);
    assertFalse(b.alive());
    assertTrue(a.alive(), "only the picked port");
  }

  @Test
  void markTwoAndFreeBoth() throws Exception {
    String tag = "pick" + System.nanoTime();
    Started a = fixtures.listener("--tag", tag);
    Started b = fixtures.listener("--tag", tag);
    Started other = fixtures.listener();
    open(160, "--yes");
    type(tag);
    screen(s -> s.contains("2 of "), "the two tagged listeners");
    keys("Space");
    keys("Space");
    screen(s -> s.contains("2 marked"), "two marks");
    keys("Enter");
    String s = screen(t -> t.lines().anyMatch(l -> l.matches("EXIT=\\d+")), "the end");
    assertTrue(s.contains("EXIT=0"), s);
    assertFalse(a.alive());
    assertFalse(b.alive());
    assertTrue(other.alive());
  }

  @Test
  void escapeTouchesNothing() throws Exception {
    Started a = fixtures.listener();
    open(120);
    keys("Escape");
    String s = screen(t -> t.lines().anyMatch(l -> l.matches("EXIT=\\d+")), "the end");
    assertTrue(s.contains("EXIT=3"), s);
    assertTrue(a.alive());
  }

  @Test
  void aListenerThatAppearsWhileItIsOpenShowsUp() throws Exception {
    String tag = "late" + System.nanoTime();
    open(160);
    type(tag);
    screen(s -> s.contains("0 of "), "an empty filter result");
    Started late = fixtures.listener("--tag", tag);
    screen(s -> s.contains("1 of ") && s.contains(Integer.toString(late.port())), "the new listener");
    keys("Escape");
    screen(t -> t.contains("EXIT=3"), "the end");
  }

  @Test
  void aHostileCommandLineIsShownSanitised() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "exec -a \"$(printf 'evil\\033]0;pwned\\007\\033[2J')\" \"$@\"", "x"));
    cmd.addAll(Java.command(dev.freeport.fixtures.Listener.class));
    Started l = fixtures.start(cmd);
    open(160);
    type(Integer.toString(l.port()));
    String s = screen(t -> t.contains("1 of "), "the hostile listener");
    assertTrue(s.contains("evil?]0;pwned??[2J"), s);
    keys("Escape");
  }

  @Test
  void aTwentyColumnTerminalStillWorks() throws Exception {
    Started a = fixtures.listener();
    open(20, "--yes");
    type(Integer.toString(a.port()));
    String s = screen(t -> t.contains("1 of"), "one row");
    assertTrue(s.lines().allMatch(l -> l.length() <= 20), s);
    keys("Enter");
    screen(t -> t.contains("EXIT=0"), "freed");
    assertFalse(a.alive());
  }

  @Test
  void aDumbTerminalGetsOneLineAndExitTwoNotAGarbledScreen() throws Exception {
    run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "24", "bash --norc -i");
    keys("TERM=dumb " + Java.executable() + " -jar " + CliRun.jarPath().toAbsolutePath() + "; echo EXIT=$?", "Enter");
    String s = screen(t -> t.lines().anyMatch(l -> l.matches("EXIT=\\d+")), "the end");
    assertTrue(s.contains("EXIT=2"), s);
    assertTrue(s.contains("the picker needs a terminal that can move the cursor"), s);
  }
}
