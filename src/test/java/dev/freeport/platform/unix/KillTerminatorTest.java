package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import dev.freeport.core.kill.Terminator.Action;
import dev.freeport.core.kill.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill(2) terminator (macOS, and Linux without pidfd) against a scripted libc. */
class KillTerminatorTest {

  static final class ScriptedLibC implements LibC {
    final List<String> kills = new ArrayList<>();
    final Set<Integer> notMine = new HashSet<>();
    final Set<Integer> exited = new HashSet<>();

    @Override
    public int kill(int pid, int signal) {
      if (notMine.contains(pid)) {
        throw new LastErrorException(LibC.EPERM);
      }
      if (exited.contains(pid)) {
        throw new LastErrorException(LibC.ESRCH);
      }
      kills.add(pid + ":" + signal);
      return 0;
    }

    @Override
    public long syscall(long number, Object... args) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int poll(PollFd[] fds, int count, int timeoutMillis) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int close(int fd) {
      return 0;
    }
  }

  final ScriptedLibC libc = new ScriptedLibC();
  final Set<ProcessRef> running = new HashSet<>();
  final KillTerminator mac = new KillTerminator(libc, Signals.BSD, dev.freeport.core.kill.GracefulSignal.TERM, running::contains);

  @Test
  void macSignalNumbers() {
    ProcessRef p = new ProcessRef(100, 5);
    running.add(p);
    for (Action a : Action.values()) {
      assertEquals(Delivery.DELIVERED, mac.send(p, a));
    }
    assertEquals(List.of("100:15", "100:9", "100:17", "100:19"), libc.kills, "TERM, KILL, STOP, CONT on BSD");
  }

  @Test
  void aProcessWithAnotherStartTimeIsNeverSignalled() {
    running.add(new ProcessRef(100, 999));
    assertEquals(Delivery.GONE, mac.send(new ProcessRef(100, 5), Action.FORCE));
    assertTrue(libc.kills.isEmpty());
  }

  @Test
  void epermIsDeniedAndEsrchIsGone() {
    ProcessRef other = new ProcessRef(200, 1);
    ProcessRef racing = new ProcessRef(201, 1);
    running.add(other);
    running.add(racing);
    libc.notMine.add(200);
    libc.exited.add(201);
    assertEquals(Delivery.DENIED, mac.send(other, Action.GRACEFUL));
    assertEquals(Delivery.GONE, mac.send(racing, Action.GRACEFUL));
  }

  @Test
  void waitingEndsWhenTheProcessIsGoneAndReportsSurvivors() {
    ProcessRef stays = new ProcessRef(300, 1);
    running.add(stays);
    ProcessRef gone = new ProcessRef(301, 1);
    long t0 = System.nanoTime();
    assertEquals(Set.of(stays), mac.awaitExit(List.of(stays, gone), Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - t0 >= 50_000_000L);
    assertEquals(Set.of(), mac.awaitExit(List.of(gone), Duration.ofSeconds(10)), "returns at once when all are gone");
  }

  @Test
  void gracefulSignalsHaveEachPlatformsNumbers() {
    assertEquals(2, Signals.LINUX.number(dev.freeport.core.kill.Terminator.Action.GRACEFUL, dev.freeport.core.kill.GracefulSignal.INT));
    assertEquals(10, Signals.LINUX.number(dev.freeport.core.kill.Terminator.Action.GRACEFUL, dev.freeport.core.kill.GracefulSignal.USR1));
    assertEquals(30, Signals.BSD.number(dev.freeport.core.kill.Terminator.Action.GRACEFUL, dev.freeport.core.kill.GracefulSignal.USR1));
    assertEquals(31, Signals.BSD.number(dev.freeport.core.kill.Terminator.Action.GRACEFUL, dev.freeport.core.kill.GracefulSignal.USR2));
    assertEquals(15, Signals.BSD.number(dev.freeport.core.kill.Terminator.Action.GRACEFUL, dev.freeport.core.kill.GracefulSignal.TERM));
    assertEquals(9, Signals.BSD.number(dev.freeport.core.kill.Terminator.Action.FORCE, dev.freeport.core.kill.GracefulSignal.INT));
  }
}
