package dev.freeport.core.engine;

import static dev.freeport.testing.ScriptedHost.Behaviour.IGNORES_TERM;
import static dev.freeport.testing.ScriptedHost.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.testing.ScriptedHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forced step where the terminator cannot freeze (Windows; a Unix whose libc cannot be bound). */
class EscalationTest {
  final ScriptedHost host = new ScriptedHost();

  /** The scripted host's terminator, but without a freeze or a resume: as UnixKill without libc. */
  static final class NoFreeze implements Terminator {
    final Terminator real;
    final List<String> asked = new ArrayList<>();

    NoFreeze(Terminator real) {
      this.real = real;
    }

    @Override
    public Held hold(long pid) {
      Held held = real.hold(pid);
      return action -> {
        asked.add(action + " " + pid);
        return action == Action.FREEZE || action == Action.RESUME ? Delivery.UNSUPPORTED : held.deliver(action);
      };
    }

    @Override
    public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
      return real.awaitExit(processes, timeout);
    }
  }

  @Test
  void withoutAFreezeTheTreeIsKilledAndTheFreezeIsAskedForOnce() throws Exception {
    host.process(10, 1, "server", IGNORES_TERM).holds(tcp(8080));
    host.process(11, 10, "worker", IGNORES_TERM);
    host.process(12, 10, "worker", IGNORES_TERM);
    Plan plan = new Engine(host, new Explainer(new ContainerLookup((argv, t) -> Optional.empty(), Deadlines.COMMAND),
        host), new PortVerifier(host, BindSemantics.WILDCARD_COVERS_ALL), 99)
        .survey(EnumSet.of(Protocol.TCP), PortSet.of(8080), HolderFilter.NONE, false);
    NoFreeze t = new NoFreeze(host);
    List<ProcessRef> targets = new ArrayList<>();
    for (ProcessInfo p : plan.targets()) {
      targets.add(p.ref());
    }
    Map<ProcessRef, Ending> endings = new Escalation(new SignalGate(t, host, plan), host, plan)
        .stop(targets, Duration.ofMillis(10), false, StopProgress.NONE);
    assertEquals(List.of(Ending.KILLED, Ending.KILLED, Ending.KILLED), List.copyOf(endings.values()), t.asked.toString());
    assertEquals(1, t.asked.stream().filter(a -> a.startsWith("FREEZE")).count(), "asked once, then no more: " + t.asked);
    for (long pid : List.of(10L, 11L, 12L)) {
      assertFalse(host.get(pid).alive(), "PID " + pid + ": " + t.asked);
    }
  }
}
