package dev.freeport.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.Verdict;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.safety.SafetyPolicy;
import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.platform.linux.LinuxHost;
import dev.freeport.testing.Proc;
import dev.freeport.testing.ScriptedHost;
import dev.freeport.testing.ScriptedProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Promise 1's gate: the plan check and the identity check, before every delivery. */
class SignalGateTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  /** Every look and every delivery, in order. */
  final List<String> calls = new ArrayList<>();
  final ScriptedProcesses inspector = new ScriptedProcesses(calls);

  /** Delivers blindly to the pid, as a terminator must: the gate alone decides. */
  final Terminator terminator = new Terminator() {
    @Override
    public Held hold(long pid) {
      calls.add("hold " + pid);
      return action -> {
        calls.add(action + " " + pid);
        return Delivery.DELIVERED;
      };
    }

    @Override
    public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
      return Set.of();
    }
  };

  final ProcessInfo shown = Proc.of(10).start(1000).name("node").build();

  static Plan planOf(ProcessInfo... holders) {
    List<ProcessNode> nodes = new ArrayList<>();
    for (ProcessInfo h : holders) {
      nodes.add(new ProcessNode(h, Verdict.ALLOWED, List.of()));
    }
    PortFinding f = new PortFinding(8080, List.of(new ListeningSocket(ScriptedHost.tcp(8080), List.of(10L))), nodes,
        new BindCheck.Held(), Optional.empty());
    return new Plan(List.of(f), Set.of(Protocol.TCP), Instant.EPOCH, new SafetyPolicy(1, Set.of(), Set.of()));
  }

  final SignalGate gate = new SignalGate(terminator, inspector, planOf(shown));

  @Test
  void aProcessThePlanDoesNotHoldIsNeitherTakenNorSignalled() {
    ProcessRef other = new ProcessRef(11, 1000);
    inspector.runs(other);
    assertEquals(Delivery.NOT_PLANNED, gate.send(other, Action.FORCE));
    assertEquals(List.of(), calls);
  }

  @Test
  void theProcessIsTakenFirstAndItsIdentityCheckedAfterThenDelivered() {
    inspector.runs(shown.ref());
    assertEquals(Delivery.DELIVERED, gate.send(shown.ref(), Action.GRACEFUL));
    assertEquals(List.of("hold 10", "identify 10", "GRACEFUL 10"), calls);
  }

  @Test
  void aPidNowNamingAnotherProcessGetsNothing() {
    inspector.runs(new ProcessRef(10, 2000)); // the shown one exited and its pid was reused
    for (Action a : Action.values()) {
      assertEquals(Delivery.GONE, gate.send(shown.ref(), a), a.toString());
    }
    assertTrue(calls.stream().noneMatch(c -> c.endsWith(" 10") && !c.startsWith("hold") && !c.startsWith("identify")),
        calls.toString());
  }

  @Test
  void anExitedProcessIsGone() {
    assertEquals(Delivery.GONE, gate.send(shown.ref(), Action.FORCE));
  }

  @Test
  void aResumeGoesOnlyToAProcessThatMayBeStopped() {
    inspector.runs(shown.ref());
    inspector.awake(shown.ref(), true);
    assertEquals(Delivery.DELIVERED, gate.send(shown.ref(), Action.RESUME));
    assertTrue(calls.stream().noneMatch(c -> c.startsWith("RESUME")), calls.toString());
    inspector.awake(shown.ref(), false);
    assertEquals(Delivery.DELIVERED, gate.send(shown.ref(), Action.RESUME));
    assertEquals("RESUME 10", calls.get(calls.size() - 1));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void onARealProcessAnEarlierOwnerOfItsPidIsNeverSignalled() throws Exception {
    Started l = fixtures.listener();
    LinuxHost host = new LinuxHost(Path.of("/proc"));
    ProcessInfo real = host.processes().describe(l.pid()).orElseThrow();
    ProcessInfo earlier = Proc.of(real.pid()).start(real.ref().startTime() - 1).build(); // an earlier owner of this PID
    try (Terminator t = host.openTerminator(GracefulSignal.TERM)) {
      SignalGate g = new SignalGate(t, host.processes(), planOf(earlier));
      for (Action a : Action.values()) {
        assertEquals(Delivery.GONE, g.send(earlier.ref(), a), a.toString());
      }
      assertEquals(Delivery.NOT_PLANNED, g.send(real.ref(), Action.FORCE), "shown nowhere");
    }
    assertTrue(l.alive(), "the process now holding that PID was not touched");
    assertTrue(host.processes().mayBeStopped(real.ref()) == false, "nor stopped");
  }

  /**
   * Real PID reuse: a fixture exits, then a bash loop starts processes until one gets the same
   * PID (pid_max is 32768 on this machine, so that takes seconds). Signalling the old identity
   * must not touch the new process.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aReallyReusedPidIsNotSignalled() throws Exception {
    Started l = fixtures.listener();
    LinuxHost host = new LinuxHost(Path.of("/proc"));
    ProcessRef old = host.processes().identify(l.pid()).orElseThrow();
    l.process().destroyForcibly().waitFor();
    String loop = "for ((i = 0; i < 70000; i++)); do sleep 600 & p=$!;"
        + " if [[ $p == " + old.pid() + " ]]; then echo HIT $p; exec 1>&-; wait $p; exit 0; fi;"
        + " kill $p; wait $p 2>/dev/null; done; echo MISS";
    Process cycler = new ProcessBuilder("bash", "-c", loop).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(cycler.getInputStream())).readLine();
      org.junit.jupiter.api.Assumptions.assumeTrue(line != null && line.startsWith("HIT"),
          "the kernel did not hand out PID " + old.pid() + " again: " + line);
      ProcessRef reused = host.processes().identify(old.pid()).orElseThrow();
      assertTrue(reused.startTime() != old.startTime(), "a new process under the old PID");
      try (Terminator t = host.openTerminator(GracefulSignal.TERM)) {
        SignalGate g = new SignalGate(t, host.processes(), planOf(Proc.of(old.pid()).start(old.startTime()).build()));
        assertEquals(Delivery.GONE, g.send(old, Action.FORCE));
      }
      assertEquals(java.util.Optional.of(reused), host.processes().identify(old.pid()), "the new process still runs");
    } finally {
      cycler.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      cycler.destroyForcibly();
    }
  }
}
