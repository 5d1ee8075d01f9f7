package dev.freeport.core.engine;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.BindCheck;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One confirmed stop of a {@link Plan}: signal, watch for a respawn, verify. {@link #abort()} may
 * be called from another thread (Ctrl+C, SIGTERM, SIGHUP to freeport). Like the rest of the
 * engine it uses plain loops, no lambdas or streams (see {@link Engine}).
 */
public final class Stop {
  /** What an interrupted stop had done, for its one-line message. */
  public record Interrupted(boolean forcing, boolean signalled, int asked, int killed) {}

  private final Host host;
  private final Explainer explainer;
  private final PortVerifier verifier;
  private final Plan plan;
  private final Deadlines deadlines;
  private final boolean force;
  private final StopProgress progress;
  private final Set<Long> ownChain;
  private final GracefulSignal graceful;
  private volatile Escalation escalation;

  Stop(Host host, Explainer explainer, PortVerifier verifier, Plan plan, StopOptions options, Deadlines deadlines,
      StopProgress progress, Set<Long> ownChain) {
    this.host = host;
    this.explainer = explainer;
    this.verifier = verifier;
    this.plan = plan;
    this.deadlines = deadlines;
    this.force = options.force();
    this.graceful = options.graceful();
    this.progress = progress;
    this.ownChain = Set.copyOf(ownChain);
  }

  /** Stops the plan and checks every requested port; the result per port, in request order. */
  public List<PortResult> run() throws InterruptedException {
    long started = deadlines.clock().nanoTime();
    Map<ProcessRef, Ending> endings = Map.of();
    Map<Long, Supervisors.Parent> restarters = restarters();
    List<ProcessRef> watched = new ArrayList<>();
    for (Supervisors.Parent r : restarters.values()) {
      watched.add(r.parent().ref());
    }
    RespawnWatch respawns = new RespawnWatch(host.processes(), host.sockets(), deadlines, watched); // before any signal
    if (!plan.isEmpty()) {
      try (Terminator t = host.signaller().openTerminator(graceful)) {
        Escalation e = new Escalation(new SignalGate(t, plan), host.processes(), plan);
        escalation = e;
        endings = e.stop(refs(plan.targets()), deadlines.graceful(), force, progress);
      }
      PortSet busy = PortSet.of(ports(plan.findings(), true));
      List<ProcessRef> survivors = respawns.survivors(endings.keySet());
      if (!survivors.isEmpty() && !deadlines.watch().isZero()) {
        List<Supervisors.Parent> shown = new ArrayList<>();
        for (Supervisors.Parent r : restarters.values()) {
          if (survivors.contains(r.parent().ref())) {
            shown.add(r);
          }
        }
        progress.watching(Collections.unmodifiableList(shown), deadlines.watch());
        respawns.await(survivors, endings.keySet(), plan.protocols(), busy);
      }
    }
    return verify(endings, restarters, Duration.ofNanos(deadlines.clock().nanoTime() - started));
  }

  private static List<ProcessRef> refs(List<ProcessInfo> processes) {
    List<ProcessRef> out = new ArrayList<>(processes.size());
    for (ProcessInfo p : processes) {
      out.add(p.ref());
    }
    return out;
  }

  /** The findings' ports in their order; only those not free when {@code busyOnly}. */
  private static int[] ports(List<PortFinding> findings, boolean busyOnly) {
    int[] ports = new int[findings.size()];
    int n = 0;
    for (PortFinding f : findings) {
      if (!busyOnly || !f.free()) {
        ports[n++] = f.port();
      }
    }
    return Arrays.copyOf(ports, n);
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
        Optional<ProcessInfo> parent = h.parentPid() > 0 ? parent(parents, h.parentPid()) : Optional.empty();
        Supervisors.Decision d = Supervisors.judge(h, host.processes().job(h.pid()), parent,
            ownChain.contains(h.parentPid()), host.advisor().supervisor(h));
        if (d instanceof Supervisors.Decision.Restarter r && !plan.permits(r.parent().parent().ref())) {
          out.putIfAbsent(r.parent().parent().pid(), r.parent());
        }
      }
    }
    return out;
  }

  /** The process {@code pid} described once per stop, through {@code known}. */
  private Optional<ProcessInfo> parent(Map<Long, Optional<ProcessInfo>> known, long pid) {
    Optional<ProcessInfo> p = known.get(pid);
    if (p == null) {
      p = host.processes().describe(pid);
      known.put(pid, p);
    }
    return p;
  }

  /** Reads the socket tables once for every port, then applies {@link #after} port by port. */
  private List<PortResult> verify(Map<ProcessRef, Ending> endings, Map<Long, Supervisors.Parent> parents, Duration elapsed) {
    int[] ports = ports(plan.findings(), false);
    SocketTable.Snapshot tables = host.sockets().snapshot(plan.protocols(), PortSet.of(ports));
    Map<Integer, List<ListeningSocket>> now = ListeningSocket.byPort(tables.listening());
    Map<Integer, BindCheck> checks = new HashMap<>();
    for (PortFinding f : plan.findings()) {
      List<Endpoint> seen = new ArrayList<>();
      for (ListeningSocket s : f.sockets()) {
        seen.add(s.endpoint());
      }
      checks.put(f.port(), verifier.check(f.port(), plan.protocols(), now.getOrDefault(f.port(), List.of()), seen));
    }
    Map<Integer, Integer> timeWait = tables.timeWait();
    Map<Long, ProcessInfo> signalled = new HashMap<>();
    for (ProcessInfo p : plan.targets()) {
      signalled.put(p.pid(), p);
    }
    for (ProcessInfo p : plan.admitted()) {
      signalled.put(p.pid(), p);
    }
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
      Outcome outcome = after(f, now.getOrDefault(f.port(), List.of()), checks.get(f.port()),
          timeWait.getOrDefault(f.port(), 0), endings, signalled, parents, !stopped.isEmpty());
      results.add(new PortResult(f, outcome, stopped, stopped.isEmpty() ? Duration.ZERO : elapsed,
          timeWait.getOrDefault(f.port(), 0)));
    }
    return results;
  }

  /**
   * One port's outcome after the stop. The rules, in order: a visible holder that was refused,
   * skipped, not permitted, survived the kill, or is new (respawned when a watched parent started
   * it); a holder that cannot be seen; a socket no process holds; otherwise the bind decides:
   * free (nothing was there), freed, or still busy with the OS's explanation.
   */
  private Outcome after(PortFinding f, List<ListeningSocket> now, BindCheck check, int timeWait,
      Map<ProcessRef, Ending> endings, Map<Long, ProcessInfo> signalled, Map<Long, Supervisors.Parent> parents,
      boolean stoppedAny) {
    Set<Long> holding = new LinkedHashSet<>();
    for (ListeningSocket s : now) {
      holding.addAll(s.holders());
    }
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
      Supervisors.Parent by = newcomer.isPresent() ? parents.get(newcomer.get().parentPid()) : null;
      if (by != null && stoppedAny) {
        ProcessInfo n = newcomer.get();
        return new Outcome.Respawned(n, host.processes().describe(n.parentPid()), by.what(), stopForGood(n, by, f.port()));
      }
      return new Outcome.StillBusy("now held by PID " + pid + (newcomer.isPresent() ? " (" + newcomer.get().name() + ")" : "")
          + ", which was not shown before: it took the port during the stop (a holder that forks and exits,"
          + " or another program); freeport did not signal it");
    }
    if (ListeningSocket.anyOwnerHidden(now)) {
      return new Outcome.Hidden(Outcomes.hiddenDetail(f, host.advisor().privilegeHint()));
    }
    if (!now.isEmpty()) {
      return new Outcome.StillBusy(ListeningSocket.NO_HOLDER);
    }
    if (check instanceof BindCheck.Unverified u) {
      return new Outcome.Unverified(u.why());
    }
    if (check instanceof BindCheck.InUse u) {
      Advice why = explainer.unbindable(u.endpoint(), timeWait);
      return new Outcome.StillBusy(why.why() + "; " + why.instead());
    }
    return f.free() && !stoppedAny ? new Outcome.Free() : new Outcome.Freed();
  }

  /**
   * How to stop a respawned program for good: the supervisor's own stop command, else what the OS
   * advises for a holder it supervises, each with {@code --parent} as the alternative; else
   * {@code --parent} alone.
   */
  private String stopForGood(ProcessInfo n, Supervisors.Parent by, int port) {
    Optional<String> command = Supervisors.stopCommand(by.what(), host.processes(), n.pid());
    if (command.isEmpty() && host.advisor().supervisor(n).isPresent()) {
      Optional<Advice> advice = host.advisor().advice(n, port);
      if (advice.isPresent() && advice.get().instead() != null) {
        command = Optional.of(advice.get().instead());
      }
    }
    return command.isPresent()
        ? command.get() + ", or freeport " + port + " --parent"
        : "freeport " + port + " --parent (stops " + by.what() + " and its tree)";
  }
}
