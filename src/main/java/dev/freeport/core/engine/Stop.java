package dev.freeport.core.engine;

import dev.freeport.core.Host;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.Verdict;
import dev.freeport.core.process.Supervisors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One confirmed stop of a {@link Plan}: signal, watch for a respawn, verify. {@link #abort()} may
 * be called from another thread (Ctrl+C, SIGTERM, SIGHUP to freeport).
 */
public final class Stop {
  /** What an interrupted stop had done, for its one-line message. */
  public record Interrupted(boolean forcing, boolean signalled, int asked, int killed) {}

  private final Host host;
  private final Predicate<Endpoint> bindable;
  private final Plan plan;
  private final Duration timeout;
  private final boolean force;
  private final StopProgress progress;
  private final Set<Long> ownChain;
  private final Duration watch;
  private final GracefulSignal graceful;
  private volatile Escalation escalation;

  Stop(Host host, Predicate<Endpoint> bindable, Plan plan, StopOptions options, StopProgress progress,
      Set<Long> ownChain) {
    this.host = host;
    this.bindable = bindable;
    this.plan = plan;
    this.timeout = options.timeout();
    this.force = options.force();
    this.graceful = options.graceful();
    this.progress = progress;
    this.ownChain = Set.copyOf(ownChain);
    this.watch = options.watch();
  }

  /** Stops the plan and checks every requested port; the result per port, in request order. */
  public List<PortResult> run() throws InterruptedException {
    long started = System.nanoTime();
    Map<ProcessRef, Ending> endings = Map.of();
    Map<Long, Supervisors.Parent> restarters = restarters();
    List<ProcessRef> watched = new ArrayList<>();
    restarters.values().forEach(r -> watched.add(r.parent().ref()));
    RespawnWatch respawns = new RespawnWatch(host.processes(), host.sockets(), watched); // before any signal
    if (!plan.isEmpty()) {
      try (Terminator t = host.openTerminator(graceful)) {
        Escalation e = new Escalation(new SignalGate(t, plan), host.processes(), plan);
        escalation = e;
        endings = e.stop(plan.targets().stream().map(ProcessInfo::ref).toList(), timeout, force, progress);
      }
      PortSet busy = PortSet.of(plan.findings().stream().filter(f -> !f.free()).mapToInt(PortFinding::port).toArray());
      List<ProcessRef> survivors = respawns.survivors(endings.keySet());
      if (!survivors.isEmpty() && !watch.isZero()) {
        List<Supervisors.Parent> shown = restarters.values().stream()
            .filter(r -> survivors.contains(r.parent().ref())).toList();
        progress.watching(shown, watch);
        respawns.await(survivors, endings.keySet(), plan.protocols(), busy, watch);
      }
    }
    return verify(endings, restarters, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Ends the stop from another thread: no signal is sent after it, and once forcing has begun
   * every process freeport froze or was about to force is killed, so none is left frozen.
   */
  public Interrupted abort() {
    Escalation e = escalation;
    if (e == null) {
      return new Interrupted(false, false, 0, 0);
    }
    Escalation.Abort a = e.abort();
    return new Interrupted(a.phase() == Escalation.Phase.FORCING, a.phase() != Escalation.Phase.NOT_STARTED,
        a.asked(), a.killed());
  }

  /**
   * The holders' parents that may restart them (supervisors, shell loops, launchers), by pid; not
   * init, a plain subreaper, an interactive shell whose job the holder was, or freeport's chain.
   */
  private Map<Long, Supervisors.Parent> restarters() {
    Map<Long, Supervisors.Parent> out = new LinkedHashMap<>();
    Map<Long, Optional<ProcessInfo>> parents = new HashMap<>(); // a thousand holders often share one parent
    for (PortFinding f : plan.findings()) {
      for (ProcessNode holder : f.holders()) {
        ProcessInfo h = holder.info();
        Optional<ProcessInfo> parent = h.parentPid() > 0
            ? parents.computeIfAbsent(h.parentPid(), host.processes()::describe) : Optional.empty();
        Supervisors.Decision d = Supervisors.judge(h, host.processes().job(h.pid()), parent,
            ownChain.contains(h.parentPid()), host.supervisor(h));
        if (d instanceof Supervisors.Decision.Restarter r && !plan.permits(r.parent().parent().ref())) {
          out.putIfAbsent(r.parent().parent().pid(), r.parent());
        }
      }
    }
    return out;
  }

  /** Reads the socket tables once for every port, then applies {@link #after} port by port. */
  private List<PortResult> verify(Map<ProcessRef, Ending> endings, Map<Long, Supervisors.Parent> parents, Duration elapsed) {
    int[] ports = plan.findings().stream().mapToInt(PortFinding::port).toArray();
    Map<Integer, List<ListeningSocket>> now = ListeningSocket.byPort(host.sockets().listening(plan.protocols(), PortSet.of(ports)));
    Map<Integer, Endpoint> unbindable = new HashMap<>();
    for (PortFinding f : plan.findings()) {
      if (!now.containsKey(f.port())) {
        firstUnbindable(f).ifPresent(e -> unbindable.put(f.port(), e));
      }
    }
    Map<Integer, Integer> timeWait = host.sockets().timeWait(PortSet.of(ports));
    Map<Long, ProcessInfo> signalled = new HashMap<>();
    plan.targets().forEach(p -> signalled.put(p.pid(), p));
    plan.admitted().forEach(p -> signalled.put(p.pid(), p));
    List<PortResult> results = new ArrayList<>();
    boolean first = true;
    for (PortFinding f : plan.findings()) {
      List<PortResult.Stopped> stopped = new ArrayList<>();
      Set<ProcessRef> listed = new HashSet<>();
      for (ProcessNode n : f.processes()) {
        Ending e = endings.get(n.info().ref());
        if (e != null && listed.add(n.info().ref())) {
          stopped.add(new PortResult.Stopped(n.info(), e));
        }
      }
      if (first && !f.free()) {
        first = false;
        for (ProcessInfo found : plan.admitted()) { // children forked during the stop, listed once
          Ending e = endings.get(found.ref());
          if (e != null && listed.add(found.ref())) {
            stopped.add(new PortResult.Stopped(found, e));
          }
        }
      }
      Outcome outcome = after(f, now.getOrDefault(f.port(), List.of()), unbindable.get(f.port()),
          timeWait.getOrDefault(f.port(), 0), endings, signalled, parents, !stopped.isEmpty());
      results.add(new PortResult(f, outcome, stopped, stopped.isEmpty() ? Duration.ZERO : elapsed,
          timeWait.getOrDefault(f.port(), 0)));
    }
    return results;
  }

  /** The endpoints a server would bind: those it was found on, and the wildcards. */
  private Optional<Endpoint> firstUnbindable(PortFinding f) {
    Set<Endpoint> all = new LinkedHashSet<>();
    f.sockets().forEach(s -> all.add(s.endpoint()));
    for (Protocol p : plan.protocols()) {
      all.addAll(Endpoint.wildcards(p, f.port()));
    }
    return all.stream().filter(bindable.negate()).findFirst();
  }

  /**
   * One port's outcome after the stop. The rules, in order: a visible holder that was refused,
   * skipped, not permitted, survived the kill, or is new (respawned when a watched parent started
   * it); a holder that cannot be seen; a socket no process holds; otherwise the bind decides:
   * free (nothing was there), freed, or still busy with the OS's explanation.
   */
  private Outcome after(PortFinding f, List<ListeningSocket> now, Endpoint unbindable, int timeWait,
      Map<ProcessRef, Ending> endings, Map<Long, ProcessInfo> signalled, Map<Long, Supervisors.Parent> parents,
      boolean stoppedAny) {
    Set<Long> holding = new LinkedHashSet<>();
    now.forEach(s -> holding.addAll(s.holders()));
    if (!holding.isEmpty()) {
      for (ProcessNode n : f.processes()) {
        if (holding.contains(n.info().pid()) && n.verdict() instanceof Verdict.Refused r) {
          return new Outcome.Refused(n.info(), r.reason());
        }
      }
      for (ProcessNode n : f.processes()) {
        if (holding.contains(n.info().pid()) && n.verdict() instanceof Verdict.Skipped s) {
          return new Outcome.StillBusy("still held by PID " + n.info().pid() + " (" + n.info().name()
              + "), skipped: " + s.reason());
        }
      }
      for (Map.Entry<ProcessRef, Ending> e : endings.entrySet()) {
        ProcessInfo p = signalled.get(e.getKey().pid());
        if (p != null && holding.contains(p.pid()) && e.getValue() == Ending.NOT_PERMITTED) {
          return new Outcome.Denied(p);
        }
      }
      for (long pid : holding) {
        ProcessInfo p = signalled.get(pid);
        if (p != null && host.processes().isRunning(p.ref())) {
          Ending e = endings.get(p.ref());
          return new Outcome.StillBusy("PID " + pid + " (" + p.name() + ") still holds it"
              + (e == Ending.SURVIVED_KILL ? " after the forced kill" : e == null ? ": it was not signalled" : ""));
        }
      }
      long pid = holding.iterator().next();
      Optional<ProcessInfo> newcomer = host.processes().describe(pid);
      Supervisors.Parent by = newcomer.map(n -> parents.get(n.parentPid())).orElse(null);
      if (by != null && stoppedAny) {
        ProcessInfo n = newcomer.get();
        String instead = Supervisors.stopCommand(by.what(), host.processes(), n.pid())
            .or(() -> host.supervisor(n).flatMap(x -> host.advice(n, f.port()).map(Advice::instead)))
            .map(c -> c + ", or freeport " + f.port() + " --parent")
            .orElse("freeport " + f.port() + " --parent (stops " + by.what() + " and its tree)");
        return new Outcome.Respawned(n, host.processes().describe(n.parentPid()), by.what(), instead);
      }
      return new Outcome.StillBusy("now held by PID " + pid + newcomer.map(p -> " (" + p.name() + ")").orElse("")
          + ", which was not shown before: it took the port during the stop (a holder that forks and exits,"
          + " or another program); freeport did not signal it");
    }
    if (now.stream().anyMatch(ListeningSocket::ownerHidden)) {
      return new Outcome.Hidden(Outcomes.hiddenDetail(f, host.privilegeHint()));
    }
    if (!now.isEmpty()) {
      return new Outcome.StillBusy(ListeningSocket.NO_HOLDER);
    }
    if (unbindable == null) {
      return f.free() && !stoppedAny ? new Outcome.Free() : new Outcome.Freed();
    }
    Advice why = host.whyUnbindable(unbindable, timeWait).orElseGet(() -> Advice.unexplainedBindFailure(unbindable));
    return new Outcome.StillBusy(why.why() + "; " + why.instead());
  }
}
