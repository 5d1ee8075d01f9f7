package dev.freeport.core.discovery;

import dev.freeport.core.Host;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.model.Verdict;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.process.Supervisors;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.safety.SafetyPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Finds who holds which port and describes them; never changes anything. */
public final class Discovery {
  private static final Comparator<SocketRow> ROW_ORDER =
      Comparator.<SocketRow>comparingInt(r -> r.endpoint().port())
          .thenComparing(r -> r.endpoint().protocol())
          .thenComparingInt(r -> r.endpoint().ipVersion())
          .thenComparing(r -> r.endpoint().address())
          .thenComparingLong(r -> r.process().map(ProcessInfo::pid).orElse(Long.MAX_VALUE));

  private final Host host;
  private final SocketTable sockets;
  private final ProcessInspector processes;
  private final Explainer explainer;
  private final Predicate<Endpoint> bindable;

  /**
   * @param bindable true when a server could bind this endpoint now (a real bind on a real host)
   */
  public Discovery(Host host, Explainer explainer, Predicate<Endpoint> bindable) {
    this.host = host;
    this.sockets = host.sockets();
    this.processes = host.processes();
    this.explainer = explainer;
    this.bindable = bindable;
  }

  /** One row per (socket, holder), sorted by port, protocol, IP version, address and pid. */
  public List<SocketRow> list(Set<Protocol> protocols, PortSet ports) {
    Map<Long, Optional<ProcessInfo>> known = new HashMap<>();
    List<SocketRow> rows = new ArrayList<>();
    for (ListeningSocket s : sockets.listening(protocols, ports)) {
      if (s.holders().isEmpty()) {
        rows.add(new SocketRow(s.endpoint(), Optional.empty()));
        continue;
      }
      for (long pid : s.holders()) {
        known.computeIfAbsent(pid, processes::describe)
            .ifPresent(p -> rows.add(new SocketRow(s.endpoint(), Optional.of(p))));
      }
    }
    rows.sort(ROW_ORDER);
    return rows;
  }

  /**
   * For each requested port, every socket that keeps it from being bound and every holder with
   * the tree below it, judged by the safety policy, the OS and the filter. A port with no visible
   * socket is bound the way a server would bind it: only when that succeeds is it free.
   *
   * @param parents take each holder's parent (a supervisor that restarts it) as the process to
   *     stop, with its whole tree, instead of the holder
   */
  public List<PortFinding> survey(
      Set<Protocol> protocols, PortSet requested, SafetyPolicy policy, HolderFilter filter, boolean parents) {
    Map<Integer, List<ListeningSocket>> byPort = ListeningSocket.byPort(sockets.listening(protocols, requested));
    Map<Integer, Endpoint> unbindable = new HashMap<>();
    requested.stream().filter(port -> !byPort.containsKey(port)).forEach(port ->
        firstUnbindable(protocols, port).ifPresent(e -> unbindable.put(port, e)));
    PortSet failing = PortSet.of(unbindable.keySet().stream().mapToInt(i -> i).toArray());
    Map<Integer, List<ListeningSocket>> blocking = failing.isEmpty() ? Map.of()
        : ListeningSocket.byPort(sockets.blocking(protocols, failing));
    Map<Integer, Integer> timeWait = failing.isEmpty() ? Map.of() : sockets.timeWait(failing);
    Map<Long, Optional<ProcessInfo>> known = new HashMap<>();
    List<PortFinding> out = new ArrayList<>();
    requested.stream().forEach(port -> {
      List<ListeningSocket> onPort = byPort.getOrDefault(port, blocking.getOrDefault(port, List.of()));
      Optional<Advice> why = Optional.empty();
      Endpoint failed = unbindable.get(port);
      if (onPort.isEmpty() && failed != null) {
        if (host.seesAllSockets()) {
          why = Optional.of(host.whyUnbindable(failed, timeWait.getOrDefault(port, 0))
              .orElseGet(() -> Advice.unexplainedBindFailure(failed)));
        } else {
          onPort = List.of(new ListeningSocket(failed, List.of(), false, false));
        }
      }
      out.add(new PortFinding(port, onPort, holders(port, onPort, policy, filter, parents, known), why));
    });
    return out;
  }

  /** The first wildcard endpoint of the port that a server could not bind now. */
  private Optional<Endpoint> firstUnbindable(Set<Protocol> protocols, int port) {
    for (Protocol p : protocols) {
      for (Endpoint e : Endpoint.wildcards(p, port)) {
        if (!bindable.test(e)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  private List<ProcessNode> holders(
      int port,
      List<ListeningSocket> onPort,
      SafetyPolicy policy,
      HolderFilter filter,
      boolean parents,
      Map<Long, Optional<ProcessInfo>> known) {
    Set<Long> holding = new LinkedHashSet<>();
    onPort.forEach(s -> s.holders().forEach(pid -> holding.addAll(heirs(pid, known))));
    Map<Long, String> noParent = new HashMap<>();
    Set<Long> pids = parents ? parentsOf(holding, policy, known, noParent, port) : holding;
    List<ProcessNode> roots = new ArrayList<>();
    for (long pid : pids) {
      boolean belowAnother = pids.size() > 1 && processes.ancestors(pid).stream().anyMatch(pids::contains);
      if (!belowAnother) {
        describe(pid, known).ifPresent(info -> {
          ProcessNode n = node(info, policy, known, new HashSet<>());
          Verdict v = n.verdict();
          if (v.allowed()) {
            v = explainer.refusal(info).<Verdict>map(Verdict.Refused::new).orElse(v);
          }
          if (v.allowed()) {
            v = filter.judge(info);
          }
          if (v.allowed() && noParent.containsKey(pid)) {
            v = new Verdict.Skipped(noParent.get(pid));
          }
          roots.add(new ProcessNode(info, v, n.children(),
              explainer.explain(info, port, (int) n.flatten().count() - 1)));
        });
      }
    }
    return roots;
  }

  /**
   * A socket whose listed owner has exited is held by the children that inherited it (Windows
   * keeps listing the dead owner's pid).
   */
  private List<Long> heirs(long pid, Map<Long, Optional<ProcessInfo>> known) {
    if (describe(pid, known).isPresent()) {
      return List.of(pid);
    }
    List<Long> heirs = processes.snapshot().orphansOf(pid).stream()
        .sorted(Comparator.comparingLong(ProcessRef::startTime).thenComparingLong(ProcessRef::pid))
        .map(ProcessRef::pid)
        .toList();
    return heirs.isEmpty() ? List.of(pid) : heirs;
  }

  /**
   * For {@code --parent}: the nearest process above each holder that may restart it. Never init,
   * a plain subreaper, the interactive shell the holder was started from, or freeport's own chain:
   * such a holder stays as it is, skipped, with the reason in {@code noParent}.
   */
  private Set<Long> parentsOf(Set<Long> holders, SafetyPolicy policy, Map<Long, Optional<ProcessInfo>> known,
      Map<Long, String> noParent, int port) {
    Set<Long> up = new LinkedHashSet<>();
    for (long pid : holders) {
      Optional<ProcessInfo> holder = describe(pid, known);
      if (holder.isEmpty()) {
        continue;
      }
      long ppid = holder.get().parentPid();
      Supervisors.Decision d = Supervisors.judge(holder.get(), processes.job(pid),
          ppid > 0 ? describe(ppid, known) : Optional.empty(), policy.ownChain(ppid), host.supervisor(holder.get()));
      if (d instanceof Supervisors.Decision.Restarter r && r.parent().parent().pid() <= 1) {
        up.add(pid); // the OS supervises it (a systemd unit): its stop command is in the holder's note
        noParent.put(pid, "--parent: it is restarted by " + r.parent().what() + ", which freeport never stops;"
            + " the note says how to stop it for good");
      } else if (d instanceof Supervisors.Decision.Restarter r) {
        up.add(r.parent().parent().pid());
      } else {
        up.add(pid);
        noParent.put(pid, "--parent: " + ((Supervisors.Decision.None) d).why() + "; 'freeport " + port + "' stops it");
      }
    }
    return up;
  }

  private ProcessNode node(
      ProcessInfo info, SafetyPolicy policy, Map<Long, Optional<ProcessInfo>> known, Set<Long> seen) {
    seen.add(info.pid());
    List<ProcessNode> children = new ArrayList<>();
    for (ProcessRef child : processes.children(info.ref())) {
      if (!seen.contains(child.pid())) {
        describe(child.pid(), known)
            .filter(c -> c.ref().equals(child))
            .ifPresent(c -> children.add(node(c, policy, known, seen)));
      }
    }
    return new ProcessNode(info, policy.judge(info), children);
  }

  private Optional<ProcessInfo> describe(long pid, Map<Long, Optional<ProcessInfo>> known) {
    return known.computeIfAbsent(pid, processes::describe);
  }
}
