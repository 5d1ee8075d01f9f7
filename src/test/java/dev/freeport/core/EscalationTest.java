package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.kill.Escalation;
import dev.freeport.core.kill.StopMethod;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.process.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The escalation's decisions, against a scripted world of processes (no real signals). */
class EscalationTest {

  /** A scripted process: how it reacts to a graceful request. */
  enum Kind { EXITS_ON_TERM, IGNORES_TERM, SLOW_EXIT_2S, NOT_MINE, FORKS_WHEN_FROZEN, NO_GRACEFUL_WAY }

  static final class World implements Terminator, ProcessInspector {
    final Map<ProcessRef, Kind> kinds = new HashMap<>();
    final Map<ProcessRef, Long> parents = new HashMap<>();
    final Set<ProcessRef> alive = new LinkedHashSet<>();
    final Set<ProcessRef> termed = new LinkedHashSet<>();
    final List<String> log = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    long nextPid = 1000;

    ProcessRef add(long pid, long parent, Kind kind) {
      ProcessRef r = new ProcessRef(pid, pid);
      kinds.put(r, kind);
      parents.put(r, parent);
      alive.add(r);
      return r;
    }

    @Override
    public Delivery send(ProcessRef p, Action action) {
      log.add(action + " " + p.pid());
      if (!alive.contains(p)) {
        return Delivery.GONE;
      }
      if (kinds.get(p) == Kind.NOT_MINE) {
        return Delivery.DENIED;
      }
      if (action == Action.GRACEFUL && kinds.get(p) == Kind.NO_GRACEFUL_WAY) {
        return Delivery.UNSUPPORTED;
      }
      switch (action) {
        case GRACEFUL -> termed.add(p);
        case FORCE -> alive.remove(p);
        case FREEZE -> {
          if (kinds.get(p) == Kind.FORKS_WHEN_FROZEN && nextPid < 1002) {
            add(nextPid++, p.pid(), Kind.IGNORES_TERM); // forked just before the stop took hold
          }
        }
        default -> { }
      }
      return Delivery.DELIVERED;
    }

    @Override
    public Set<ProcessRef> awaitExit(Collection<ProcessRef> ps, Duration timeout) {
      waits.add(timeout);
      for (ProcessRef p : ps) {
        boolean exits = termed.contains(p) && (kinds.get(p) == Kind.EXITS_ON_TERM
            || (kinds.get(p) == Kind.SLOW_EXIT_2S && timeout.compareTo(Duration.ofSeconds(2)) >= 0));
        if (exits) {
          alive.remove(p);
        }
      }
      Set<ProcessRef> left = new LinkedHashSet<>(ps);
      left.retainAll(alive);
      return left;
    }

    @Override
    public ProcessTable snapshot() {
      return new ProcessTable(alive.stream().map(r -> new ProcessTable.Row(r, parents.get(r))).toList());
    }

    @Override
    public Optional<ProcessInfo> describe(long pid) {
      return Optional.empty();
    }

    @Override
    public Optional<ProcessRef> identify(long pid) {
      return alive.stream().filter(r -> r.pid() == pid).findFirst();
    }
  }

  final World w = new World();

  private Map<ProcessRef, StopMethod> stop(List<ProcessRef> targets, Duration timeout, boolean force) {
    return new Escalation(w, w).stop(targets, timeout, force, Escalation.Progress.NONE);
  }

  @Test
  void gracefulExitIsNotForcedAndIsResumedAfterTheRequest() {
    ProcessRef a = w.add(10, 1, Kind.EXITS_ON_TERM);
    assertEquals(Map.of(a, StopMethod.GRACEFUL), stop(List.of(a), Duration.ofSeconds(5), false));
    assertEquals(List.of("GRACEFUL 10", "RESUME 10"), w.log);
    assertEquals(List.of(Duration.ofSeconds(5)), w.waits);
  }

  @Test
  void slowShutdownWithinTheTimeoutIsGraceful() {
    ProcessRef a = w.add(10, 1, Kind.SLOW_EXIT_2S);
    assertEquals(StopMethod.GRACEFUL, stop(List.of(a), Duration.ofSeconds(5), false).get(a));
  }

  @Test
  void ignoringTheRequestGetsFrozenThenKilledAfterOneWait() {
    ProcessRef a = w.add(10, 1, Kind.IGNORES_TERM);
    assertEquals(StopMethod.FORCED, stop(List.of(a), Duration.ofMillis(300), false).get(a));
    assertEquals(List.of("GRACEFUL 10", "RESUME 10", "FREEZE 10", "FORCE 10"), w.log);
    assertEquals(Duration.ofMillis(300), w.waits.get(0));
  }

  @Test
  void ownerIsSignalledFirstThenItsTree() {
    ProcessRef owner = w.add(10, 1, Kind.EXITS_ON_TERM);
    ProcessRef child = w.add(11, 10, Kind.EXITS_ON_TERM);
    stop(List.of(owner, child), Duration.ofSeconds(1), false);
    assertEquals(List.of("GRACEFUL 10", "RESUME 10", "GRACEFUL 11", "RESUME 11"), w.log);
  }

  @Test
  void childrenForkedBeforeTheFreezeAreFoundAndKilled() {
    ProcessRef a = w.add(10, 1, Kind.FORKS_WHEN_FROZEN);
    w.kinds.put(a, Kind.FORKS_WHEN_FROZEN);
    Map<ProcessRef, StopMethod> r = stop(List.of(a), Duration.ofMillis(100), false);
    ProcessRef forked = new ProcessRef(1000, 1000);
    assertEquals(StopMethod.FORCED, r.get(a));
    assertEquals(StopMethod.FORCED, r.get(forked));
    assertTrue(w.log.indexOf("FREEZE 1000") < w.log.indexOf("FORCE 1000"), w.log.toString());
    assertTrue(w.alive.isEmpty());
  }

  @Test
  void forceSkipsTheGracefulRequest() {
    ProcessRef a = w.add(10, 1, Kind.EXITS_ON_TERM);
    assertEquals(StopMethod.FORCED, stop(List.of(a), Duration.ofSeconds(5), true).get(a));
    assertTrue(w.log.stream().noneMatch(l -> l.startsWith("GRACEFUL")), w.log.toString());
  }

  @Test
  void goneAndDeniedAreReportedNotRetried() {
    ProcessRef gone = new ProcessRef(20, 20);
    ProcessRef other = w.add(21, 1, Kind.NOT_MINE);
    Map<ProcessRef, StopMethod> r = stop(List.of(gone, other), Duration.ofSeconds(1), false);
    assertEquals(StopMethod.GONE, r.get(gone));
    assertEquals(StopMethod.DENIED, r.get(other));
    assertEquals(List.of("GRACEFUL 20", "GRACEFUL 21"), w.log);
    assertTrue(w.waits.isEmpty(), "nothing to wait for");
  }

  @Test
  void withNoGracefulWayItIsForcedAtOnceInsteadOfWaitingTheTimeout() {
    ProcessRef gui = w.add(10, 1, Kind.NO_GRACEFUL_WAY);
    ProcessRef ok = w.add(11, 1, Kind.EXITS_ON_TERM);
    Map<ProcessRef, StopMethod> r = stop(List.of(gui, ok), Duration.ofSeconds(30), false);
    assertEquals(StopMethod.FORCED, r.get(gui));
    assertEquals(StopMethod.GRACEFUL, r.get(ok));
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(2)), w.waits,
        "one graceful wait for the process that can exit, then only the short wait after the kill");
  }
}
