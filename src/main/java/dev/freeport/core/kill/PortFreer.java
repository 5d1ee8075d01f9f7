package dev.freeport.core.kill;

import dev.freeport.core.discovery.Discovery;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortOutcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.safety.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Frees surveyed ports: stops every process the safety policy allows (holders first, then their
 * trees), watches for a supervisor restarting them, then checks each port again by discovery and
 * by binding it.
 */
public final class PortFreer {
  private final Discovery discovery;
  private final Supplier<Terminator> terminators;
  private final BindProbe probe;
  private final Set<Long> notSupervisors;

  /**
   * @param discovery finds holders again after the stop
   * @param terminators opens a terminator for one run
   * @param probe tries binding the freed endpoints
   * @param notSupervisors pids never treated as a supervisor: freeport and its parent chain
   */
  public PortFreer(
      Discovery discovery, Supplier<Terminator> terminators, BindProbe probe, Set<Long> notSupervisors) {
    this.discovery = discovery;
    this.terminators = terminators;
    this.probe = probe;
    this.notSupervisors = Set.copyOf(notSupervisors);
  }

  /** Every process the findings allow stopping, holders first, each once. */
  public static Map<ProcessRef, ProcessInfo> plan(List<PortFinding> findings) {
    Map<ProcessRef, ProcessInfo> plan = new LinkedHashMap<>();
    List<ProcessNode> roots = findings.stream().flatMap(f -> f.holders().stream()).toList();
    roots.stream().filter(n -> n.verdict().allowed()).forEach(n -> plan.put(n.info().ref(), n.info()));
    roots.stream().flatMap(PortFreer::allowed).forEach(n -> plan.putIfAbsent(n.info().ref(), n.info()));
    return plan;
  }

  private static Stream<ProcessNode> allowed(ProcessNode n) {
    return n.verdict().allowed()
        ? Stream.concat(Stream.of(n), n.children().stream().flatMap(PortFreer::allowed))
        : Stream.empty();
  }

  public List<PortResult> free(
      List<PortFinding> findings,
      Set<Protocol> protocols,
      Duration timeout,
      boolean force,
      Escalation.Progress progress)
      throws InterruptedException {
    Map<ProcessRef, ProcessInfo> plan = plan(findings);
    long started = System.nanoTime();
    Map<ProcessRef, StopMethod> methods = Map.of();
    if (!plan.isEmpty()) {
      try (Terminator t = terminators.get()) {
        methods = new Escalation(t, discovery.processes())
            .stop(List.copyOf(plan.keySet()), timeout, force, progress);
      }
      PortSet busyPorts = PortSet.of(findings.stream().filter(f -> !f.free()).mapToInt(PortFinding::port).toArray());
      new RespawnWatch(discovery.processes(), discovery.sockets())
          .await(watchedParents(findings), plan.keySet(), protocols, busyPorts);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    List<PortResult> results = new ArrayList<>();
    boolean first = true;
    for (PortFinding f : findings) {
      List<PortResult.Stopped> stopped = new ArrayList<>();
      for (ProcessNode n : f.processes()) {
        StopMethod m = methods.get(n.info().ref());
        if (m != null) {
          stopped.add(new PortResult.Stopped(n.info(), m));
        }
      }
      if (first && !f.free()) {
        first = false;
        stopped.addAll(forkedDuringStop(plan, methods));
      }
      results.add(verify(f, protocols, stopped, methods, elapsed));
    }
    return results;
  }

  /** Parents of the holders that could be supervisors: not init, not freeport's own chain. */
  private Set<Long> watchedParents(List<PortFinding> findings) {
    Set<Long> parents = new HashSet<>();
    for (PortFinding f : findings) {
      for (ProcessNode holder : f.holders()) {
        long ppid = holder.info().parentPid();
        if (ppid > 1 && !notSupervisors.contains(ppid)) {
          parents.add(ppid);
        }
      }
    }
    return parents;
  }

  private static List<PortResult.Stopped> forkedDuringStop(
      Map<ProcessRef, ProcessInfo> plan, Map<ProcessRef, StopMethod> methods) {
    List<PortResult.Stopped> extra = new ArrayList<>();
    methods.forEach((ref, m) -> {
      if (!plan.containsKey(ref)) {
        ProcessInfo info = new ProcessInfo(ref, 0, "(started during the stop)", "", Optional.empty(),
            Optional.empty(), OptionalLong.empty(), false);
        extra.add(new PortResult.Stopped(info, m));
      }
    });
    return extra;
  }

  private PortResult verify(
      PortFinding f,
      Set<Protocol> protocols,
      List<PortResult.Stopped> stopped,
      Map<ProcessRef, StopMethod> methods,
      Duration elapsed) {
    if (f.free()) {
      return result(f, PortOutcome.FREE, stopped, Duration.ZERO, 0, Optional.empty(), Optional.empty(), "");
    }
    // Read once: both the result and the bind-failure explanation report it.
    int timeWait = f.sockets().stream().anyMatch(s -> s.endpoint().protocol() == Protocol.TCP)
        ? discovery.sockets().timeWait(f.port()) : 0;
    List<ListeningSocket> now = discovery.sockets().listening(protocols, PortSet.of(f.port()));
    if (now.isEmpty()) {
      List<Endpoint> blocked =
          f.sockets().stream().map(ListeningSocket::endpoint).filter(e -> !probe.canBind(e)).toList();
      if (blocked.isEmpty()) {
        return result(f, PortOutcome.FREED, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(), "");
      }
      return result(f, PortOutcome.STILL_BUSY, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
          bindFailure(blocked.get(0), timeWait));
    }
    Set<Long> known = new HashSet<>();
    methods.keySet().forEach(r -> known.add(r.pid()));
    List<Long> holders = now.stream().flatMap(s -> s.holders().stream()).distinct().toList();
    Optional<ProcessNode> refused = stillHolding(f, holders, Verdict.Refused.class);
    if (refused.isPresent()) {
      ProcessNode n = refused.get();
      return result(f, PortOutcome.REFUSED, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
          "PID " + n.info().pid() + " (" + n.info().name() + ") will not be stopped: "
              + ((Verdict.Refused) n.verdict()).reason());
    }
    Optional<ProcessNode> skipped = stillHolding(f, holders, Verdict.Skipped.class);
    if (skipped.isPresent()) {
      ProcessNode n = skipped.get();
      return result(f, PortOutcome.STILL_BUSY, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
          "still held by PID " + n.info().pid() + " (" + n.info().name() + "), skipped: "
              + ((Verdict.Skipped) n.verdict()).reason());
    }
    Optional<PortResult.Stopped> denied = stopped.stream().filter(s -> s.method() == StopMethod.DENIED).findFirst();
    if (denied.isPresent()) {
      ProcessInfo p = denied.get().process();
      return result(f, PortOutcome.DENIED, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
          "not permitted to stop PID " + p.pid() + " (" + p.name() + ", user " + p.user().orElse("?") + ")");
    }
    if (now.stream().anyMatch(ListeningSocket::ownerHidden)) {
      return result(f, PortOutcome.HIDDEN, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
          "the process holding it cannot be seen");
    }
    Optional<ProcessInfo> newcomer = holders.stream().filter(pid -> !known.contains(pid)).findFirst()
        .flatMap(discovery.processes()::describe);
    if (newcomer.isPresent()) {
      Optional<ProcessInfo> parent = discovery.processes().describe(newcomer.get().parentPid());
      return result(f, PortOutcome.RESPAWNED, stopped, elapsed, timeWait, newcomer, parent,
          "a new process took the port again");
    }
    return result(f, PortOutcome.STILL_BUSY, stopped, elapsed, timeWait, Optional.empty(), Optional.empty(),
        "a holder is still running after the forced stop");
  }

  /** A process of the finding, with this kind of verdict, that still holds the port. */
  private static Optional<ProcessNode> stillHolding(PortFinding f, List<Long> holders, Class<? extends Verdict> kind) {
    return f.holders().stream().flatMap(ProcessNode::flatten)
        .filter(n -> kind.isInstance(n.verdict()) && holders.contains(n.info().pid()))
        .findFirst();
  }

  /** What was found when nothing visible listens on the port but binding it still fails. */
  static String bindFailure(Endpoint e, int timeWait) {
    String found = timeWait > 0
        ? timeWait + " connection(s) in TIME_WAIT hold it for a server that binds without SO_REUSEADDR"
        : "no listener and no TIME_WAIT in this network namespace: a process in another namespace, "
            + "a container runtime or the kernel may hold it";
    return "nothing visible listens on it, yet binding " + e.hostPort() + " fails; " + found;
  }

  private static PortResult result(
      PortFinding f, PortOutcome outcome, List<PortResult.Stopped> stopped, Duration elapsed, int timeWait,
      Optional<ProcessInfo> newHolder, Optional<ProcessInfo> supervisor, String detail) {
    return new PortResult(f, outcome, stopped, elapsed, newHolder, supervisor, timeWait, detail);
  }
}
