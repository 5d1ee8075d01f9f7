package dev.freeport.core.engine;

import static dev.freeport.testing.ScriptedHost.Behaviour.EXITS_ON_TERM;
import static dev.freeport.testing.ScriptedHost.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Verdict;
import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.process.Supervisors;
import dev.freeport.testing.Proc;
import dev.freeport.testing.ScriptedHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each rule that decides a port's outcome after a stop, alone and in its place in the order. */
class AfterStopTest {
  final ScriptedHost host = new ScriptedHost();
  final AfterStop after = new AfterStop(host, host, new Explainer(new ContainerLookup(CommandRunner.NONE, Deadlines.COMMAND), host));
  final ProcessInfo holder = Proc.of(10).parent(1).name("node").build();
  final PortFinding held = finding(new ProcessNode(holder, Verdict.ALLOWED, List.of()));

  static PortFinding finding(ProcessNode... holders) {
    return new PortFinding(8080, List.of(new ListeningSocket(tcp(8080), List.of(10L))), List.of(holders),
        new BindCheck.Held(), Optional.empty());
  }

  static List<ListeningSocket> heldBy(long... pids) {
    List<Long> l = new java.util.ArrayList<>();
    for (long p : pids) {
      l.add(p);
    }
    return List.of(new ListeningSocket(tcp(8080), l));
  }

  AfterStop.Facts facts(PortFinding f, List<ListeningSocket> now, BindCheck check, Map<ProcessRef, Ending> endings) {
    return new AfterStop.Facts(f, now, check, 0, endings, Map.of(holder.pid(), holder), Map.of(), !endings.isEmpty());
  }

  @Test
  void theRulesComeInTheirDocumentedOrder() {
    assertEquals(List.of("RefusedHolder", "SkippedHolder", "DeniedHolder", "SurvivingHolder", "Newcomer", "HiddenOwner",
        "NoHolder", "Unverified", "InUse", "Free"), after.rules().stream().map(r -> r.getClass().getSimpleName()).toList());
  }

  @Test
  void aRefusedHolderStillHoldingItIsRefused() {
    PortFinding f = finding(new ProcessNode(holder, new Verdict.Refused("it started freeport"), List.of()));
    Outcome o = after.decide(facts(f, heldBy(10), new BindCheck.Held(), Map.of()));
    assertInstanceOf(Outcome.Refused.class, o);
  }

  @Test
  void aSkippedHolderStillHoldingItKeepsItBusy() {
    PortFinding f = finding(new ProcessNode(holder, new Verdict.Skipped("not user bob (--user)"), List.of()));
    Outcome o = after.decide(facts(f, heldBy(10), new BindCheck.Held(), Map.of()));
    assertTrue(o.detail().contains("skipped: not user bob"), o.detail());
  }

  @Test
  void aHolderFreeportMayNotSignalIsDenied() {
    Outcome o = after.decide(facts(held, heldBy(10), new BindCheck.Held(), Map.of(holder.ref(), Ending.NOT_PERMITTED)));
    assertInstanceOf(Outcome.Denied.class, o);
  }

  @Test
  void aSignalledHolderThatStillRunsKeepsItBusy() {
    host.process(10, 1, "node", EXITS_ON_TERM);
    Outcome o = after.decide(facts(held, heldBy(10), new BindCheck.Held(), Map.of(holder.ref(), Ending.SURVIVED_KILL)));
    assertEquals("PID 10 (node) still holds it after the forced kill", o.detail());
  }

  @Test
  void aHolderNeverShownIsANewcomerNeverCalledStopped() {
    host.process(20, 1, "intruder", EXITS_ON_TERM);
    Outcome o = after.decide(facts(held, heldBy(20), new BindCheck.Held(), Map.of(holder.ref(), Ending.KILLED)));
    assertInstanceOf(Outcome.StillBusy.class, o);
    assertTrue(o.detail().startsWith("now held by PID 20 (intruder), which was not shown before"), o.detail());
  }

  @Test
  void aNewHolderStartedByAWatchedParentIsRespawned() {
    ProcessInfo supervisor = host.process(5, 1, "supervisord", EXITS_ON_TERM).info();
    host.process(21, 5, "node", EXITS_ON_TERM);
    AfterStop.Facts f = new AfterStop.Facts(held, heldBy(21), new BindCheck.Held(), 0, Map.of(holder.ref(), Ending.KILLED),
        Map.of(10L, holder), Map.of(5L, new Supervisors.Parent(supervisor, "supervisord", true)), true);
    Outcome.Respawned r = assertInstanceOf(Outcome.Respawned.class, after.decide(f));
    assertEquals(21, r.newHolder().pid());
  }

  @Test
  void aSocketWhoseOwnerMayBeHiddenIsHidden() {
    List<ListeningSocket> hidden = List.of(new ListeningSocket(tcp(8080), List.of(), false, ListeningSocket.Kind.LISTENING));
    assertInstanceOf(Outcome.Hidden.class, after.decide(facts(held, hidden, new BindCheck.Held(), Map.of())));
  }

  @Test
  void aSocketNoProcessHoldsKeepsItBusy() {
    List<ListeningSocket> orphan = List.of(new ListeningSocket(tcp(8080), List.of(), true, ListeningSocket.Kind.LISTENING));
    assertEquals(ListeningSocket.NO_HOLDER, after.decide(facts(held, orphan, new BindCheck.Held(), Map.of())).detail());
  }

  @Test
  void aCheckThatCouldNotBeMadeIsNeverFree() {
    Outcome o = after.decide(facts(held, List.of(), new BindCheck.Unverified(tcp(8080), "no IPv6 here"),
        Map.of(holder.ref(), Ending.KILLED)));
    assertEquals(new Outcome.Unverified("no IPv6 here"), o);
  }

  @Test
  void inUseWithNothingSeenSaysWhatTheOsKnows() {
    Outcome o = after.decide(facts(held, List.of(), new BindCheck.InUse(tcp(8080)), Map.of(holder.ref(), Ending.KILLED)));
    assertEquals(Advice.unexplainedBindFailure(tcp(8080)).why() + "; " + Advice.unexplainedBindFailure(tcp(8080)).instead(),
        o.detail());
  }

  @Test
  void freeWhenNothingWasThereAndFreedWhenTheStopEndedSomething() {
    PortFinding wasFree = new PortFinding(8080, List.of(), List.of(), new BindCheck.Bound(), Optional.empty());
    assertInstanceOf(Outcome.Free.class, after.decide(facts(wasFree, List.of(), new BindCheck.Bound(), Map.of())));
    assertInstanceOf(Outcome.Freed.class,
        after.decide(facts(held, List.of(), new BindCheck.Bound(), Map.of(holder.ref(), Ending.EXITED_ON_REQUEST))));
  }

  @Test
  void eachRuleLeavesOtherCasesToTheRulesAfterIt() {
    AfterStop.Facts nothingSeen = facts(held, List.of(), new BindCheck.Bound(), Map.of(holder.ref(), Ending.KILLED));
    for (AfterStop.Rule r : after.rules().subList(0, after.rules().size() - 1)) {
      assertNull(r.apply(nothingSeen), r.getClass().getSimpleName());
    }
  }
}
