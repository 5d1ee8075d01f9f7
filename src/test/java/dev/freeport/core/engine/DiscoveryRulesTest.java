package dev.freeport.core.engine;

import dev.freeport.core.engine.Deadlines;

import dev.freeport.core.port.SocketTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.port.Host;
import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.Signaller;
import dev.freeport.testing.ScriptedHost;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.model.ProcessTable;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.safety.SafetyPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Discovery's platform-neutral rules, against a scripted socket table and process list. */
class DiscoveryRulesTest {
  static final Set<Protocol> TCP = EnumSet.of(Protocol.TCP);

  /** Processes by pid: (parent pid, start time); the facts are made up from them. */
  record World(Map<Long, long[]> procs) implements ProcessInspector {
    @Override
    public ProcessTable snapshot() {
      return new ProcessTable(procs.entrySet().stream()
          .map(e -> new ProcessTable.Row(new ProcessRef(e.getKey(), e.getValue()[1]), e.getValue()[0])).toList());
    }

    @Override
    public Optional<ProcessInfo> describe(long pid) {
      long[] p = procs.get(pid);
      return p == null ? Optional.empty() : Optional.of(new ProcessInfo(new ProcessRef(pid, p[1]), p[0],
          "node.exe", "node server.js", Optional.of("dev"), Optional.empty(), OptionalLong.empty(), false));
    }

    @Override
    public Optional<ProcessRef> identify(long pid) {
      return describe(pid).map(ProcessInfo::ref);
    }
  }

  /** Surveys a scripted table; {@code unbindable} says which endpoints a server could not bind. */
  static List<PortFinding> survey(
      List<ListeningSocket> table, World world, Predicate<Endpoint> unbindable, boolean seesAll, int... ports) {
    SocketTable sockets = new SocketTable() {
      public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet wanted) {
        return table.stream().filter(s -> wanted.matches(s.endpoint().port())).toList();
      }

      public boolean seesAll() {
        return seesAll;
      }
    };
    HostAdvisor advisor = new HostAdvisor() {
      public Set<String> criticalProcessNames() {
        return Set.of();
      }

      public String privilegeHint() {
        return "re-run with sudo";
      }
    };
    Host host = new Host() {
      public SocketTable sockets() {
        return sockets;
      }

      public ProcessInspector processes() {
        return world;
      }

      public Signaller signaller() {
        throw new UnsupportedOperationException("discovery never signals");
      }

      public HostAdvisor advisor() {
        return advisor;
      }
    };
    ScriptedHost probe = new ScriptedHost();
    for (int port : ports) {
      for (Endpoint e : Endpoint.wildcards(Protocol.TCP, port)) {
        if (unbindable.test(e)) {
          probe.blockWithoutHolder(e);
        }
      }
    }
    Discovery d = new Discovery(host, new Explainer(new ContainerLookup(CommandRunner.NONE, Deadlines.COMMAND), advisor),
        new PortVerifier(probe, BindSemantics.WILDCARD_COVERS_ALL));
    return d.survey(TCP, PortSet.of(ports), new SafetyPolicy(1, Set.of(), Set.of()), HolderFilter.NONE, false);
  }

  @Test
  void aDeadOwnersInheritingChildrenAreTheHolders() {
    // Windows lists PID 500 (exited) as the owner; 600 and 601 inherited its socket.
    World world = new World(Map.of(600L, new long[] {500, 20}, 601L, new long[] {500, 21}, 700L, new long[] {1, 5}));
    List<ListeningSocket> table = List.of(new ListeningSocket(new Endpoint(Protocol.TCP, "0.0.0.0", 3000), List.of(500L)));
    PortFinding f = survey(table, world, e -> false, true, 3000).get(0);
    assertEquals(List.of(600L, 601L), f.holders().stream().map(h -> h.info().pid()).toList());
    assertTrue(!f.free() && !f.ownerHidden());
  }

  @Test
  void anUnbindablePortWithNoVisibleSocketIsHeldByAHiddenOwnerWhereTheTableHidesSockets() {
    World world = new World(Map.of());
    PortFinding busy = survey(List.of(), world, e -> e.port() == 8080, false, 8080).get(0);
    assertTrue(busy.ownerHidden(), "not 'free': macOS hides other users' sockets");
    assertTrue(!busy.free());
    PortFinding free = survey(List.of(), world, e -> e.port() == 8080, false, 8081).get(0);
    assertTrue(free.free());
  }

  @Test
  void anUnbindablePortWithNoSocketIsNotFreeAndSaysWhyWhereTheTableShowsEverything() {
    PortFinding busy = survey(List.of(), new World(Map.of()), e -> e.port() == 8080, true, 8080).get(0);
    assertTrue(!busy.free() && !busy.ownerHidden());
    assertTrue(busy.unbindable().orElseThrow().why().contains("[::]:8080") || busy.unbindable().get().why().contains("0.0.0.0:8080"),
        busy.unbindable().toString());
  }
}
