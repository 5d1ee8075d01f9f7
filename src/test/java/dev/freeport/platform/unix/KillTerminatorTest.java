package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.testing.ScriptedProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill(2) terminator (Linux and macOS) against a scripted kill: it delivers, SignalGate decides. */
class KillTerminatorTest {

  /** kill(2) as a script: records what it was asked to send. */
  static final class ScriptedKill implements KillTerminator.Sender {
    final List<String> kills = new ArrayList<>();
    final Set<Long> notMine = new HashSet<>();
    final Set<Long> exited = new HashSet<>();

    @Override
    public KillTerminator.Target target(long pid) {
      return (action, signal) -> {
        if (notMine.contains(pid)) {
          return Delivery.DENIED;
        }
        if (exited.contains(pid)) {
          return Delivery.GONE;
        }
        kills.add(pid + ":" + signal);
        return Delivery.DELIVERED;
      };
    }

    /** The frozen window's calls, in order, in the same log as the kills. */
    @Override
    public FrozenWindow openFrozenWindow() {
      kills.add("open");
      return new FrozenWindow() {
        @Override
        public void freezing(long pid) {
          kills.add("+" + pid);
        }

        @Override
        public void released(long pid) {
          kills.add("-" + pid);
        }

        @Override
        public void close() {
          kills.add("close");
        }
      };
    }
  }

  final ScriptedKill libc = new ScriptedKill();
  final ScriptedProcesses processes = new ScriptedProcesses();
  final KillTerminator mac = new KillTerminator(libc, Signals.BSD, dev.freeport.core.model.GracefulSignal.TERM,
      processes);

  @Test
  void macSignalNumbers() {
    ProcessRef p = new ProcessRef(100, 5);
    processes.runs(p);
    for (Action a : Action.values()) {
      assertEquals(Delivery.DELIVERED, mac.hold(p.pid()).deliver(a));
    }
    assertEquals(List.of("100:15", "100:9", "100:17", "100:19"),
        libc.kills.stream().filter(k -> k.contains(":")).toList(), "TERM, KILL, STOP, CONT on BSD");
  }

  @Test
  void epermIsDeniedAndEsrchIsGone() {
    ProcessRef other = new ProcessRef(200, 1);
    ProcessRef racing = new ProcessRef(201, 1);
    processes.runs(other);
    processes.runs(racing);
    libc.notMine.add(200L);
    libc.exited.add(201L);
    assertEquals(Delivery.DENIED, mac.hold(other.pid()).deliver(Action.GRACEFUL));
    assertEquals(Delivery.GONE, mac.hold(racing.pid()).deliver(Action.GRACEFUL));
  }

  @Test
  void waitingEndsWhenTheProcessIsGoneAndReportsSurvivors() {
    ProcessRef stays = new ProcessRef(300, 1);
    processes.runs(stays);
    ProcessRef gone = new ProcessRef(301, 1);
    long t0 = System.nanoTime();
    assertEquals(Set.of(stays), mac.awaitExit(List.of(stays, gone), Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - t0 >= 50_000_000L);
    assertEquals(Set.of(), mac.awaitExit(List.of(gone), Duration.ofSeconds(10)), "returns at once when all are gone");
  }

  @Test
  void gracefulSignalsHaveEachPlatformsNumbers() {
    assertEquals(2, Signals.LINUX.number(dev.freeport.core.port.Terminator.Action.GRACEFUL, dev.freeport.core.model.GracefulSignal.INT));
    assertEquals(10, Signals.LINUX.number(dev.freeport.core.port.Terminator.Action.GRACEFUL, dev.freeport.core.model.GracefulSignal.USR1));
    assertEquals(30, Signals.BSD.number(dev.freeport.core.port.Terminator.Action.GRACEFUL, dev.freeport.core.model.GracefulSignal.USR1));
    assertEquals(31, Signals.BSD.number(dev.freeport.core.port.Terminator.Action.GRACEFUL, dev.freeport.core.model.GracefulSignal.USR2));
    assertEquals(15, Signals.BSD.number(dev.freeport.core.port.Terminator.Action.GRACEFUL, dev.freeport.core.model.GracefulSignal.TERM));
    assertEquals(9, Signals.BSD.number(dev.freeport.core.port.Terminator.Action.FORCE, dev.freeport.core.model.GracefulSignal.INT));
  }

  /** What the escalation does: freeze the tree, kill it; the window spans exactly the frozen time. */
  @Test
  void theFrozenWindowOpensBeforeTheFirstFreezeAndClosesAfterTheLastKill() {
    ProcessRef a = new ProcessRef(500, 1);
    ProcessRef b = new ProcessRef(501, 1);
    ProcessRef gone = new ProcessRef(502, 1);
    processes.runs(a);
    processes.runs(b);
    libc.exited.add(gone.pid());
    send(mac, a, Action.GRACEFUL);
    send(mac, a, Action.RESUME);
    assertEquals(List.of("500:15", "500:19"), libc.kills, "no window for the graceful step");
    libc.kills.clear();
    send(mac, a, Action.FREEZE);
    send(mac, gone, Action.FREEZE);
    send(mac, b, Action.FREEZE);
    send(mac, a, Action.FORCE);
    send(mac, b, Action.FORCE);
    assertEquals(List.of("open", "+500", "500:17", "+502", "-502", "+501", "501:17", "500:9", "-500", "501:9", "-501",
        "close"), libc.kills);
    mac.close();
    assertEquals("close", libc.kills.get(libc.kills.size() - 1));
    assertEquals(1, libc.kills.stream().filter("close"::equals).count(), "closed once");
  }

  /** A kill refused (another user's process) leaves it frozen until it is resumed: the window stays open till then. */
  @Test
  void aRefusedKillKeepsTheWindowOpenUntilTheResume() {
    ProcessRef mine = new ProcessRef(600, 1);
    ProcessRef theirs = new ProcessRef(601, 1);
    processes.runs(mine);
    processes.runs(theirs);
    send(mac, mine, Action.FREEZE);
    send(mac, theirs, Action.FREEZE);
    libc.notMine.add(601L);
    send(mac, mine, Action.FORCE);
    send(mac, theirs, Action.FORCE);
    assertFalse(libc.kills.contains("close"), libc.kills.toString());
    send(mac, theirs, Action.RESUME);
    assertEquals(List.of("-601", "close"), libc.kills.subList(libc.kills.size() - 2, libc.kills.size()));
  }

  /** However a stop ends (an exception, an abort between freeze and kill), closing the terminator closes the window. */
  @Test
  void closingTheTerminatorClosesAWindowLeftOpen() {
    ProcessRef a = new ProcessRef(700, 1);
    processes.runs(a);
    send(mac, a, Action.FREEZE);
    mac.close();
    mac.close();
    assertEquals(List.of("open", "+700", "700:17", "close"), libc.kills);
    send(mac, a, Action.FREEZE);
    assertEquals("open", libc.kills.get(4), "a later freeze opens a new window");
  }

  /** What SignalGate does once it has checked the identity: deliver to the pid taken. */
  static Delivery send(KillTerminator t, ProcessRef p, Action a) {
    return t.hold(p.pid()).deliver(a);
  }
}
