package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;

/**
 * A real SIGTSTP to this JVM while the window is open is held back, and acted on only when the
 * window closes (here by a recorder instead of suspending the test's JVM).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeferredSuspendTest {
  final List<Integer> suspended = new ArrayList<>();

  @Test
  void aCtrlZInTheWindowSuspendsOnlyWhenItCloses() throws Exception {
    DeferredSuspend d = DeferredSuspend.install(suspended::add).orElseThrow();
    Signal.raise(new Signal("TSTP")); // the JDK raises only a signal a Java handler holds: ours
    assertTrue(UnixKillTest.waitFor(d::pending), "noted");
    assertEquals(List.of(), suspended, "not while frozen");
    d.close();
    assertEquals(List.of(new Signal("TSTP").getNumber()), suspended, "once it closed");
    d.close();
    assertEquals(1, suspended.size(), "closed once");
  }

  @Test
  void withoutACtrlZClosingSuspendsNothing() {
    DeferredSuspend d = DeferredSuspend.install(suspended::add).orElseThrow();
    d.close();
    assertEquals(List.of(), suspended);
  }
}
