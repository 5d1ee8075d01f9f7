package dev.freeport.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.testing.ScriptedHost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Promise 4's bounds, on a scripted clock. */
class DeadlinesTest {
  final ScriptedHost host = new ScriptedHost();

  @Test
  void aStopWaitsAtMostTheGracefulTimeoutTheKillAndTheWatchWithItsBind() {
    Deadlines d = Deadlines.of(new StopOptions(Duration.ofSeconds(5), false, GracefulSignal.TERM, Duration.ofSeconds(3)),
        host.clock());
    assertEquals(Duration.ofSeconds(5 + 2 + 3 + 3), d.longestStop());
    Deadlines noWatch = Deadlines.of(new StopOptions(Duration.ofMillis(500), false, GracefulSignal.TERM, Duration.ZERO),
        host.clock());
    assertEquals(Duration.ofMillis(2500), noWatch.longestStop());
  }

  @Test
  void aDeadlineExtendedForABindNeverPassesItsLatest() {
    Deadlines d = new Deadlines(Duration.ZERO, Duration.ofSeconds(3), host.clock());
    Deadlines.Deadline end = d.after(Duration.ofSeconds(3));
    Deadlines.Deadline latest = d.after(Duration.ofSeconds(6));
    host.nanos += Duration.ofMillis(2900).toNanos();
    end.extend(Deadlines.RESPAWN_BIND, latest);
    assertEquals(Duration.ofMillis(3000), end.remaining(), "capped at 6 s from the start");
    host.nanos += Duration.ofMillis(2999).toNanos();
    assertFalse(end.passed());
    host.nanos += Duration.ofMillis(1).toNanos();
    assertTrue(end.passed());
    assertEquals(Duration.ZERO, end.remaining());
  }
}
