package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The watchdog's shell against real stopped processes; freeport's death is its pipe closing without "done". */
@EnabledOnOs(OS.LINUX)
class WatchdogTest {
  final List<Process> children = new ArrayList<>();
  Watchdog watchdog;

  @AfterEach
  void reap() throws Exception {
    if (watchdog != null) {
      watchdog.process().destroyForcibly().waitFor();
    }
    for (Process p : children) {
      p.destroyForcibly().waitFor();
    }
  }

  /** A sleeping child, stopped as the freeze would stop it. */
  long frozen() throws Exception {
    Process p = new ProcessBuilder("sleep", "60").start();
    children.add(p);
    watchdog.freezing(p.pid());
    assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor());
    assertTrue(UnixKillTest.waitFor(() -> state(p.pid()) == 'T'));
    return p.pid();
  }

  static char state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException gone) {
      return 'X';
    }
  }

  @Test
  void whenFreeportDiesWhatIsStillFrozenRunsAgainAndNothingElseIsSignalled() throws Exception {
    watchdog = Watchdog.start().orElseThrow();
    long stillFrozen = frozen();
    long released = frozen(); // as if its kill had been refused and freeport had moved on
    watchdog.released(released);
    watchdog.process().getOutputStream().close(); // freeport's end of the pipe, closed by its death
    assertTrue(watchdog.process().waitFor(10, TimeUnit.SECONDS), "the watchdog ended");
    assertTrue(UnixKillTest.waitFor(() -> state(stillFrozen) == 'S'), "resumed: " + state(stillFrozen));
    assertEquals('T', state(released), "a pid freeport no longer held frozen is not signalled");
  }

  @Test
  void onANormalEndItExitsWithoutASignal() throws Exception {
    watchdog = Watchdog.start().orElseThrow();
    long pid = frozen();
    watchdog.close();
    assertTrue(watchdog.process().waitFor(10, TimeUnit.SECONDS), "the watchdog ended");
    assertEquals(0, watchdog.process().exitValue());
    assertEquals('T', state(pid), "'done': nothing resumed by the watchdog");
  }

  @Test
  void itRunsInASessionOfItsOwnSoAKillOfFreeportsGroupSparesIt() throws Exception {
    watchdog = Watchdog.start().orElseThrow();
    long pid = watchdog.process().pid();
    // the child calls setsid(2) only once setsid(1) runs: wait for that, within a bound
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String session = session(pid);
    while (!session.equals(Long.toString(pid)) && System.nanoTime() < end) {
      Thread.sleep(2);
      session = session(pid);
    }
    assertEquals(Long.toString(pid), session, "session id: its own (setsid)");
  }

  /** The session id field of /proc/PID/stat. */
  private static String session(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
  }

  @Test
  void aWatchdogThatStopsReadingIsGivenUpWithinItsBound() throws Exception {
    watchdog = Watchdog.start().orElseThrow();
    assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(watchdog.process().pid())).start().waitFor());
    long t0 = System.nanoTime();
    for (int i = 0; i < 20_000; i++) { // far more than a pipe holds
      watchdog.freezing(1_000_000 + i);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis < 5_000, "writes blocked " + millis + " ms");
    assertTrue(watchdog.process().waitFor(10, TimeUnit.SECONDS), "the stalled watchdog was killed");
    watchdog.close(); // and closing after that neither blocks nor throws
  }
}
