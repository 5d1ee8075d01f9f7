package dev.freeport.core.engine;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.explain.Explainer;
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
import dev.freeport.core.process.Supervisors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One confirmed stop of a {@link Plan}: signal, watch for a respawn, verify. {@link #abort()} may
 * be called from another thread (Ctrl+C, SIGTERM, SIGHUP to freeport).
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
        Escalation e = new Escalation(new SignalGate(t, host.processes(), plan), host.processes(), plan);
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

  /** Reads the socket tables once for every port, then decides each port's outcome ({@link AfterStop}). */
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
    AfterStop after = new AfterStop(host.processes(), host.advisor(), explainer);
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
      Outcome outcome = after.decide(new AfterStop.Facts(f, now.getOrDefault(f.port(), List.of()), checks.get(f.port()),
          timeWait.getOrDefault(f.port(), 0), endings, signalled, parents, !stopped.isEmpty()));
      results.add(new PortResult(f, outcome, stopped, stopped.isEmpty() ? Duration.ZERO : elapsed,
          timeWait.getOrDefault(f.port(), 0)));
    }
    return results;
  }
}
