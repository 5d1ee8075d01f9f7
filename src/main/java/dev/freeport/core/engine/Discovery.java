package dev.freeport.core.engine;

import dev.freeport.core.port.SocketTable;

import dev.freeport.core.port.Host;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.BindCheck;
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
import dev.freeport.core.port.ProcessInspector;
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
import java.util.PrimitiveIterator;
import java.util.Set;

/**
 * Finds who holds which port and describes them; never changes anything.
 */
public final class Discovery {
  private static final Comparator<SocketRow> ROW_ORDER = new RowOrder();
  private static final Comparator<ProcessRef> OLDEST_FIRST = new OldestFirst();

  private final Host host;
  private final SocketTable sockets;
  private final ProcessInspector processes;
  private final Explainer explainer;
  private final PortVerifier verifier;

  /** @param verifier decides whether a port nothing is seen on could be bound */
  public Discovery(Host host, Explainer explainer, PortVerifier verifier) {
    this.host = host;
    this.sockets = host.sockets();
    this.processes = host.processes();
    this.explainer = explainer;
    this.verifier = verifier;
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
        Optional<ProcessInfo> p = describe(pid, known);
        if (p.isPresent()) {
          rows.add(new SocketRow(s.endpoint(), p));
        }
      }
    }
    rows.sort(ROW_ORDER);
    return rows;
  }

  /** By port, protocol, IP version, address, then pid (rows without a process last). */
  private static final class RowOrder implements Comparator<SocketRow> {
    @Override
    public int compare(SocketRow a, SocketRow b) {
      Endpoint x = a.endpoint();
      Endpoint y = b.endpoint();
      int c = Integer.compare(x.port(), y.port());
      if (c == 0) {
        c = x.protocol().compareTo(y.protocol());
      }
      if (c == 0) {
        c = Integer.compare(x.ipVersion(), y.ipVersion());
      }
      if (c == 0) {
        c = x.address().compareTo(y.address());
      }
      return c != 0 ? c : Long.compare(pid(a), pid(b));
    }

    private static long pid(SocketRow r) {
      return r.process().isPresent() ? r.process().get().pid() : Long.MAX_VALUE;
    }
  }

  /**
   * For each requested port, every socket that keeps it from being bound and every holder with
   * the tree below it, judged by the safety policy, the OS and the filter. A port with no visible
   * socket is checked by the {@link PortVerifier}: only when every bind succeeds is it free; when
   * one fails because the port is in use, the sockets that block it without listening are looked
   * for (connections, bound sockets).
   *
   * @param parents take each holder's parent (a supervisor that restarts it) as the process to
   *     stop, with its whole tree, instead of the holder
   */
  public List<PortFinding> survey(
      Set<Protocol> protocols, PortSet requested, SafetyPolicy policy, HolderFilter filter, boolean parents) {
    Map<Integer, List<ListeningSocket>> byPort = ListeningSocket.byPort(sockets.listening(protocols, requested));
    Map<Integer, BindCheck> checks = new HashMap<>();
    Set<Integer> inUse = new HashSet<>();
    // The ports in ascending order.
    for (PrimitiveIterator.OfInt it = requested.stream().iterator(); it.hasNext(); ) {
      int port = it.nextInt();
      BindCheck c = verifier.check(port, protocols, byPort.getOrDefault(port, List.of()), List.of());
      checks.put(port, c);
      if (c instanceof BindCheck.InUse) {
        inUse.add(port);
      }
    }
    PortSet failing = portsOf(inUse);
    Map<Integer, List<ListeningSocket>> blocking = failing.isEmpty() ? Map.of()
        : ListeningSocket.byPort(sockets.blocking(protocols, failing));
    Map<Integer, Integer> timeWait = failing.isEmpty() ? Map.of() : sockets.timeWait(failing);
    Map<Long, Optional<ProcessInfo>> known = new HashMap<>();
    List<PortFinding> out = new ArrayList<>();
    for (PrimitiveIterator.OfInt it = requested.stream().iterator(); it.hasNext(); ) {
      int port = it.nextInt();
      List<ListeningSocket> onPort = byPort.getOrDefault(port, blocking.getOrDefault(port, List.of()));
      Optional<Advice> why = Optional.empty();
      BindCheck check = checks.get(port);
      if (onPort.isEmpty() && check instanceof BindCheck.InUse failed) {
        if (sockets.seesAll()) {
          why = Optional.of(explainer.unbindable(failed.endpoint(), timeWait.getOrDefault(port, 0)));
        } else {
          onPort = List.of(new ListeningSocket(failed.endpoint(), List.of(), false, ListeningSocket.Kind.LISTENING));
        }
      }
      out.add(new PortFinding(port, onPort, holders(port, onPort, policy, filter, parents, known), check, why));
    }
    return out;
  }

  private static PortSet portsOf(Set<Integer> ports) {
    int[] all = new int[ports.size()];
    int i = 0;
    for (int port : ports) {
      all[i++] = port;
    }
    return PortSet.of(all);
  }

  private List<ProcessNode> holders(
      int port,
      List<ListeningSocket> onPort,
      SafetyPolicy policy,
      HolderFilter filter,
      boolean parents,
      Map<Long, Optional<ProcessInfo>> known) {
    Set<Long> holding = new LinkedHashSet<>();
    for (ListeningSocket s : onPort) {
      for (long pid : s.holders()) {
        holding.addAll(heirs(pid, known));
      }
    }
    Map<Long, String> noParent = new HashMap<>();
    Set<Long> pids = parents ? parentsOf(holding, policy, known, noParent, port) : holding;
    List<ProcessNode> roots = new ArrayList<>();
    for (long pid : pids) {
      if (pids.size() > 1 && belowAnother(pid, pids)) {
        continue;
      }
      Optional<ProcessInfo> info = describe(pid, known);
      if (info.isPresent()) {
        roots.add(root(info.get(), port, policy, filter, noParent.get(pid), known));
      }
    }
    return roots;
  }

  /** True when one of the other pids is an ancestor of this one. */
  private boolean belowAnother(long pid, Set<Long> pids) {
    for (long ancestor : processes.ancestors(pid)) {
      if (pids.contains(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A holder (or its supervisor) with its tree, judged by the safety policy, the explainer and the
   * filter in that order.
   *
   * @param noParent why {@code --parent} found no process above it to stop instead; null if it did
   */
  private ProcessNode root(ProcessInfo info, int port, SafetyPolicy policy, HolderFilter filter, String noParent,
      Map<Long, Optional<ProcessInfo>> known) {
    ProcessNode n = node(info, policy, known, new HashSet<>());
    Verdict v = n.verdict();
    if (v.allowed()) {
      Optional<String> refusal = explainer.refusal(info);
      if (refusal.isPresent()) {
        v = new Verdict.Refused(refusal.get());
      }
    }
    if (v.allowed()) {
      v = filter.judge(info);
    }
    if (v.allowed() && noParent != null) {
      v = new Verdict.Skipped(noParent);
    }
    return new ProcessNode(info, v, n.children(), explainer.explain(info, port, size(n) - 1));
  }

  /** The number of processes in the tree: the node and all below it. */
  private static int size(ProcessNode n) {
    int size = 1;
    for (ProcessNode child : n.children()) {
      size += size(child);
    }
    return size;
  }

  /**
   * A socket whose listed owner has exited is held by the children that inherited it (Windows
   * keeps listing the dead owner's pid).
   */
  private List<Long> heirs(long pid, Map<Long, Optional<ProcessInfo>> known) {
    if (describe(pid, known).isPresent()) {
      return List.of(pid);
    }
    List<ProcessRef> orphans = new ArrayList<>(processes.snapshot().orphansOf(pid));
    if (orphans.isEmpty()) {
      return List.of(pid);
    }
    orphans.sort(OLDEST_FIRST);
    List<Long> heirs = new ArrayList<>(orphans.size());
    for (ProcessRef orphan : orphans) {
      heirs.add(orphan.pid());
    }
    return heirs;
  }

  /** By start time, then pid. */
  private static final class OldestFirst implements Comparator<ProcessRef> {
    @Override
    public int compare(ProcessRef a, ProcessRef b) {
      int c = Long.compare(a.startTime(), b.startTime());
      return c != 0 ? c : Long.compare(a.pid(), b.pid());
    }
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
          ppid > 0 ? describe(ppid, known) : Optional.empty(), policy.ownChain(ppid), host.advisor().supervisor(holder.get()));
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
        Optional<ProcessInfo> c = describe(child.pid(), known);
        if (c.isPresent() && c.get().ref().equals(child)) {
          children.add(node(c.get(), policy, known, seen));
        }
      }
    }
    return new ProcessNode(info, policy.judge(info), children);
  }

  /** The process as first described during this call: each is read once, and stays as it was then. */
  private Optional<ProcessInfo> describe(long pid, Map<Long, Optional<ProcessInfo>> known) {
    Optional<ProcessInfo> p = known.get(pid);
    if (p == null) {
      p = processes.describe(pid);
      known.put(pid, p);
    }
    return p;
  }
}
