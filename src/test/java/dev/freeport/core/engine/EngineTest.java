package dev.freeport.core.engine;

import static dev.freeport.testing.ScriptedHost.Behaviour.EXITS_ON_TERM;
import static dev.freeport.testing.ScriptedHost.Behaviour.IGNORES_TERM;
import static dev.freeport.testing.ScriptedHost.Behaviour.NOT_PERMITTED;
import static dev.freeport.testing.ScriptedHost.Behaviour.NO_GRACEFUL_WAY;
import static dev.freeport.testing.ScriptedHost.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.Status;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.testing.ScriptedHost;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's rules against a scripted host: survey, plan, gate, escalation, verification. */
class EngineTest {
  static final long SELF = 99;
  final ScriptedHost host = new ScriptedHost();
  final AtomicInteger lookups = new AtomicInteger();

  Engine engine() {
    CommandRunner runner = (argv, timeout) -> {
      lookups.incrementAndGet();
      return Optional.empty();
    };
    return new Engine(host, new Explainer(new ContainerLookup(runner, Deadlines.COMMAND), host),
        new PortVerifier(host, BindSemantics.WILDCARD_COVERS_ALL), SELF);
  }

  Plan survey(HolderFilter filter, int... ports) {
    return engine().survey(EnumSet.of(Protocol.TCP), PortSet.of(ports), filter, false);
  }

  Plan survey(int... ports) {
    return survey(HolderFilter.NONE, ports);
  }

  List<PortResult> stop(Plan plan, boolean force) throws InterruptedException {
    return engine().stop(plan, new StopOptions(Duration.ofSeconds(5), force, GracefulSignal.TERM, Duration.ofSeconds(3)), StopProgress.NONE).run();
  }

  static final StopOptions OPTIONS =
      new StopOptions(Duration.ofMillis(10), false, GracefulSignal.TERM, Duration.ofSeconds(3));

  static Status worst(List<PortResult> results) {
    return Status.worst(results.stream().map(r -> r.outcome().status()).toList());
  }

  @Test
  void aGracefulHolderIsFreedAndTheBindIsChecked() throws Exception {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    List<PortResult> r = stop(survey(8080), false);
    assertInstanceOf(Outcome.Freed.class, r.get(0).outcome());
    assertEquals(Ending.EXITED_ON_REQUEST, r.get(0).stopped().get(0).ending());
    assertEquals(List.of("GRACEFUL 10", "RESUME 10"), host.log);
  }

  @Test
  void aHolderIgnoringTheRequestIsFrozenThenKilledWithTheChildItForked() throws Exception {
    ScriptedHost.Fake h = host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    h.onFreeze(p -> host.process(11, 10, "worker", IGNORES_TERM).holds(tcp(8080)));
    List<PortResult> r = stop(survey(8080), false);
    assertInstanceOf(Outcome.Freed.class, r.get(0).outcome(), r.toString());
    assertTrue(host.log.indexOf("FREEZE 11") < host.log.indexOf("FORCE 11"), host.log.toString());
    assertEquals(List.of(Ending.KILLED, Ending.KILLED), r.get(0).stopped().stream().map(PortResult.Stopped::ending).toList());
  }

  /** Issue 10, failure 2: the forced re-read reached a refused child and killed it. */
  @Test
  void aRefusedChildIsNeverSignalledNotEvenByTheForcedReRead() throws Exception {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    ScriptedHost.Fake init = host.process(11, 10, "init", IGNORES_TERM);
    host.process(12, 11, "below-init", IGNORES_TERM);
    Plan plan = survey(8080);
    assertEquals(1, plan.size(), "only the holder is planned: init is refused, and nothing below it is taken");
    stop(plan, false);
    assertTrue(host.log.stream().noneMatch(l -> l.endsWith(" 11") || l.endsWith(" 12")), host.log.toString());
    assertTrue(init.alive());
  }

  /** Issue 10, failure 3: a holder skipped on one port was stopped through another port's tree. */
  @Test
  void aSkippedHolderIsNeverSignalledThroughAnotherPortsTree() throws Exception {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(3000));
    ScriptedHost.Fake py = host.process(11, 10, "python", EXITS_ON_TERM).holds(tcp(5000));
    Plan plan = survey(new HolderFilter(Optional.empty(), Optional.of("node")), 3000, 5000);
    assertEquals(1, plan.size());
    List<PortResult> r = stop(plan, false);
    assertTrue(py.alive());
    assertFalse(host.log.stream().anyMatch(l -> l.endsWith(" 11")), host.log.toString());
    assertInstanceOf(Outcome.Freed.class, r.get(0).outcome());
    assertInstanceOf(Outcome.StillBusy.class, r.get(1).outcome());
    assertTrue(r.get(1).outcome().detail().contains("skipped"), r.get(1).outcome().detail());
  }

  /** Issue 10, failure 4: an interrupt after the freeze left the tree frozen. */
  @Test
  void anAbortAfterTheFreezeKillsEverythingFrozenAndSignalsNothingMore() throws Exception {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    host.process(11, 10, "worker", IGNORES_TERM);
    host.process(12, 10, "worker", IGNORES_TERM);
    Plan plan = survey(8080);
    Stop stop = engine().stop(plan, new StopOptions(Duration.ofMillis(10), false, GracefulSignal.TERM, Duration.ofSeconds(3)), StopProgress.NONE);
    Stop.Interrupted[] seen = new Stop.Interrupted[1];
    host.onSignal(s -> {
      if (s.equals("FREEZE 11") && seen[0] == null) {
        seen[0] = stop.abort(); // as the shutdown hook would, right after the freeze began
      }
    });
    stop.run();
    assertTrue(seen[0].forcing());
    assertEquals(3, seen[0].killed(), "every process past the timeout, frozen (10, 11) or not yet (12)");
    for (long pid : new long[] {10, 11, 12}) {
      assertFalse(host.get(pid).frozen() && host.get(pid).alive(), "PID " + pid + " left frozen: " + host.log);
    }
    int abortAt = host.log.indexOf("FORCE 10");
    assertTrue(host.log.subList(abortAt, host.log.size()).stream().noneMatch(l -> l.startsWith("FREEZE")), host.log.toString());
  }

  @Test
  void anAbortDuringTheGracefulWaitReportsWhatWasAsked() throws Exception {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    Stop stop = engine().stop(survey(8080), new StopOptions(Duration.ofMillis(10), false, GracefulSignal.TERM, Duration.ofSeconds(3)), StopProgress.NONE);
    Stop.Interrupted[] seen = new Stop.Interrupted[1];
    host.onSignal(s -> {
      if (s.equals("RESUME 10")) {
        seen[0] = stop.abort();
      }
    });
    stop.run();
    assertFalse(seen[0].forcing());
    assertEquals(1, seen[0].asked());
    assertFalse(host.log.contains("FREEZE 10"), "nothing is signalled after an abort: " + host.log);
  }

  /** A library caller cancels the stop by interrupting its thread during the graceful wait: nothing more is sent. */
  @Test
  void aStopInterruptedDuringTheGracefulWaitForcesNothing() {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    Stop stop = engine().stop(survey(8080), OPTIONS, StopProgress.NONE);
    host.onSignal(s -> {
      if (s.equals("RESUME 10")) {
        Thread.currentThread().interrupt(); // as Future.cancel(true) would
      }
    });
    assertThrows(InterruptedException.class, stop::run);
    assertEquals(List.of("GRACEFUL 10", "RESUME 10"), host.log, "asked only; nothing frozen or forced");
    assertTrue(host.get(10).alive() && !host.get(10).frozen());
  }

  /** The same after the freeze: the library's stop keeps the guarantee the CLI's hook keeps. */
  @Test
  void aStopInterruptedAfterTheFreezeKillsEverythingFrozen() {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    host.process(11, 10, "worker", IGNORES_TERM);
    host.process(12, 10, "worker", IGNORES_TERM);
    Stop stop = engine().stop(survey(8080), OPTIONS, StopProgress.NONE);
    host.onSignal(s -> {
      if (s.equals("FREEZE 11")) {
        Thread.currentThread().interrupt();
      }
    });
    assertThrows(InterruptedException.class, stop::run);
    for (long pid : new long[] {10, 11, 12}) {
      assertFalse(host.get(pid).alive(), "PID " + pid + " survived: " + host.log);
    }
    assertTrue(stop.abort().forcing(), "a later abort (the CLI's hook) finds the work done and says so");
  }

  /** A terminator that fails mid-freeze: what was frozen is killed, never left frozen. */
  @Test
  void aTerminatorFailingMidFreezeLeavesNothingFrozen() {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    host.process(11, 10, "worker", IGNORES_TERM);
    Stop stop = engine().stop(survey(8080), OPTIONS, StopProgress.NONE);
    host.onSignal(s -> {
      if (s.equals("FREEZE 10")) {
        throw new IllegalStateException("the native library went away");
      }
    });
    assertThrows(IllegalStateException.class, stop::run);
    for (long pid : new long[] {10, 11}) {
      assertFalse(host.get(pid).alive() && host.get(pid).frozen(), "PID " + pid + " left frozen: " + host.log);
    }
    assertFalse(host.get(10).alive(), "past the timeout, the confirmed kill is finished: " + host.log);
  }

  /** Issue 10, failure 5: a port no listener holds but that cannot be bound was "already free". */
  @Test
  void aPortThatCannotBeBoundIsNeverFreeEvenWithNothingToStop() throws Exception {
    host.blockWithoutHolder(tcp(8080));
    Plan plan = survey(8080);
    assertFalse(plan.findings().get(0).free());
    assertTrue(plan.isEmpty());
    assertInstanceOf(Outcome.Held.class, engine().preview(plan).get(0).outcome());
    List<PortResult> r = stop(plan, false);
    assertInstanceOf(Outcome.StillBusy.class, r.get(0).outcome());
    assertEquals(Status.BUSY, worst(r));
  }

  @Test
  void aConnectionLeftOnThePortIsShownAndStoppedLikeAHolder() throws Exception {
    host.process(10, 1, "server", EXITS_ON_TERM);
    host.connection(tcp(8080), 10);
    Plan plan = survey(8080);
    assertEquals(dev.freeport.core.model.ListeningSocket.Kind.CONNECTION, plan.findings().get(0).sockets().get(0).kind());
    assertEquals(1, plan.size());
    assertInstanceOf(Outcome.Freed.class, stop(plan, false).get(0).outcome());
  }

  /** Issue 10, failure 6: verification read the socket table once per port. */
  @Test
  void theSocketTablesAreReadAConstantNumberOfTimesWhateverTheNumberOfPorts() throws Exception {
    int[] ports = new int[500];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = 20000 + i;
      host.process(1000 + i, 1, "srv", EXITS_ON_TERM).holds(tcp(ports[i]));
    }
    List<PortResult> r = stop(survey(ports), false);
    assertTrue(r.stream().allMatch(x -> x.outcome() instanceof Outcome.Freed));
    assertTrue(host.listeningReads <= 2, "listening() read " + host.listeningReads + " times");
    assertTrue(host.timeWaitReads <= 1, "timeWait() read " + host.timeWaitReads + " times");
  }

  /** Issue 10, failure 7: one container lookup per holder; now at most once per run. */
  @Test
  void containerForwardersAreRefusedAndTheContainerCliIsAskedOncePerRun() {
    for (int i = 0; i < 5; i++) {
      host.process(10 + i, 1, "docker-proxy", EXITS_ON_TERM).holds(tcp(8000 + i));
    }
    Plan plan = survey(8000, 8001, 8002, 8003, 8004);
    assertTrue(plan.isEmpty());
    assertTrue(lookups.get() <= 2, "docker and podman at most once each: " + lookups.get());
    assertEquals(Status.REFUSED, worst(engine().preview(plan)));
  }

  @Test
  void aHolderThatExitedBeforeTheSignalCountsAsGoneAndThePortAsFreed() throws Exception {
    ScriptedHost.Fake h = host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Plan plan = survey(8080);
    host.hold(h.pid()).deliver(dev.freeport.core.port.Terminator.Action.FORCE); // it exits by itself after the survey
    host.log.clear();
    List<PortResult> r = stop(plan, false);
    assertEquals(Ending.ALREADY_EXITED, r.get(0).stopped().get(0).ending());
    assertInstanceOf(Outcome.Freed.class, r.get(0).outcome());
    assertTrue(host.log.isEmpty(), host.log.toString());
  }

  @Test
  void aHolderFreeportMayNotSignalIsAPermissionOutcome() throws Exception {
    host.process(10, 1, "postgres", NOT_PERMITTED).holds(tcp(5432));
    List<PortResult> r = stop(survey(5432), false);
    assertInstanceOf(Outcome.Denied.class, r.get(0).outcome());
    assertEquals(4, worst(r).exitCode());
  }

  @Test
  void aSupervisorThatRestartsTheHolderIsReportedAsARespawnNamingIt() throws Exception {
    host.process(5, 1, "supervisord", IGNORES_TERM);
    host.process(10, 5, "app", EXITS_ON_TERM).holds(tcp(8080))
        .onDeath(p -> host.process(11, 5, "app", EXITS_ON_TERM).holds(tcp(8080)));
    List<PortResult> r = stop(survey(8080), false);
    Outcome.Respawned o = assertInstanceOf(Outcome.Respawned.class, r.get(0).outcome());
    assertEquals(11, o.newHolder().pid());
    assertEquals(5, o.supervisor().orElseThrow().pid());
    assertFalse(host.log.stream().anyMatch(l -> l.endsWith(" 11") || l.endsWith(" 5")), "never signalled: " + host.log);
  }

  @Test
  void aNewHolderWithNoWatchedParentIsNotCalledARespawnAndIsNeverSignalled() throws Exception {
    host.process(10, 1, "app", EXITS_ON_TERM).holds(tcp(8080))
        .onDeath(p -> host.process(11, 1, "other", EXITS_ON_TERM).holds(tcp(8080)));
    List<PortResult> r = stop(survey(8080), false);
    Outcome.StillBusy o = assertInstanceOf(Outcome.StillBusy.class, r.get(0).outcome());
    assertTrue(o.detail().contains("PID 11"), o.detail());
    assertFalse(host.log.stream().anyMatch(l -> l.endsWith(" 11")), host.log.toString());
  }

  @Test
  void freeportsOwnChainIsRefusedWhileOtherPortsAreStillFreed() throws Exception {
    host.process(SELF, 1, "java", EXITS_ON_TERM).holds(tcp(7000));
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(7001));
    Plan plan = survey(7000, 7001);
    List<PortResult> r = stop(plan, false);
    assertInstanceOf(Outcome.Refused.class, r.get(0).outcome());
    assertInstanceOf(Outcome.Freed.class, r.get(1).outcome());
    assertEquals(5, worst(r).exitCode());
    assertTrue(host.get(SELF).alive());
  }

  @Test
  void withNoGracefulWayItIsForcedAtOnce() throws Exception {
    host.process(10, 1, "gui", NO_GRACEFUL_WAY).holds(tcp(8080));
    List<PortResult> r = stop(survey(8080), false);
    assertEquals(Ending.KILLED, r.get(0).stopped().get(0).ending());
  }

  @Test
  void forceSkipsTheGracefulRequest() throws Exception {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    stop(survey(8080), true);
    assertTrue(host.log.stream().noneMatch(l -> l.startsWith("GRACEFUL")), host.log.toString());
  }

  @Test
  void aFreePortIsFreeAfterABindAndADeclinedRunTouchesNothing() {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Plan plan = survey(8080, 8081);
    List<PortResult> declined = engine().declined(plan);
    assertInstanceOf(Outcome.Declined.class, declined.get(0).outcome());
    assertInstanceOf(Outcome.Free.class, declined.get(1).outcome());
    assertEquals(3, worst(declined).exitCode());
    assertTrue(host.log.isEmpty());
  }

  /**
   * Windows never re-parents: a holder whose parent has exited keeps the dead parent's pid, which
   * may come to name an unrelated, later process. --parent must not climb to it.
   */
  @Test
  void parentGoesOnlyToAParentThatStartedBeforeTheHolder() {
    host.process(10, 20, "node", EXITS_ON_TERM).holds(tcp(8080)); // started at 10
    host.process(20, 1, "supervisord", EXITS_ON_TERM); // started at 20: not the parent node had
    Plan stale = engine().survey(EnumSet.of(Protocol.TCP), PortSet.of(8080), HolderFilter.NONE, true);
    assertEquals(List.of(), stale.targets(), "neither the unrelated process nor, under --parent, the holder");
    assertTrue(stale.findings().get(0).holders().get(0).verdict().toString().contains("its parent is gone"),
        stale.findings().get(0).holders().toString());

    host.process(30, 5, "node", EXITS_ON_TERM).holds(tcp(8081));
    host.process(5, 1, "supervisord", EXITS_ON_TERM); // started at 5: its real parent
    Plan real = engine().survey(EnumSet.of(Protocol.TCP), PortSet.of(8081), HolderFilter.NONE, true);
    assertEquals(List.of(5L, 30L), real.targets().stream().map(ProcessInfo::pid).toList(), "the real supervisor, with its tree");
  }
}
