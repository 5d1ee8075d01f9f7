package dev.freeport.core.engine;

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
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.process.Supervisors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A port's outcome after a stop, as an ordered list of small rules: the first that applies
 * decides. In order: a holder seen now that was refused, skipped, not permitted, survived the
 * kill, or is new (respawned when a watched parent started it); a holder that cannot be seen; a
 * socket no process holds; then the port check: unverified, in use (with the OS's explanation),
 * or free (nothing was there) and freed.
 */
final class AfterStop {

  /**
   * One port after the stop.
   *
   * @param now the sockets the tables show on the port now
   * @param check the port verifier's answer now
   * @param endings how each signalled process ended
   * @param signalled every process the stop was allowed to signal, by pid
   * @param parents the watched parents that may restart a holder, by pid
   * @param stoppedAny whether the stop ended any of this port's processes
   */
  record Facts(PortFinding finding, List<ListeningSocket> now, BindCheck check, int timeWait,
      Map<ProcessRef, Ending> endings, Map<Long, ProcessInfo> signalled, Map<Long, Supervisors.Parent> parents,
      boolean stoppedAny) {
    /** The pids that hold a socket on the port now. */
    Set<Long> holding() {
      Set<Long> holding = new LinkedHashSet<>();
      for (ListeningSocket s : now) {
        holding.addAll(s.holders());
      }
      return holding;
    }
  }

  /** One rule: its outcome, or null when it does not apply. */
  interface Rule {
    Outcome apply(Facts f);
  }

  private final List<Rule> rules;

  AfterStop(ProcessInspector processes, HostAdvisor advisor, Explainer explainer) {
    this.rules = List.of(new RefusedHolder(), new SkippedHolder(), new DeniedHolder(), new SurvivingHolder(processes),
        new Newcomer(processes, advisor), new HiddenOwner(advisor), new NoHolder(), new Unverified(),
        new InUse(explainer), new Free());
  }

  /** The rules in the order they are tried. */
  List<Rule> rules() {
    return rules;
  }

  Outcome decide(Facts f) {
    for (Rule r : rules) {
      Outcome o = r.apply(f);
      if (o != null) {
        return o;
      }
    }
    throw new IllegalStateException("no rule decided port " + f.finding().port()); // Free always decides
  }

  /** A process the survey refused still holds it. */
  static final class RefusedHolder implements Rule {
    @Override
    public Outcome apply(Facts f) {
      Set<Long> holding = f.holding();
      for (ProcessNode n : f.finding().processes()) {
        if (holding.contains(n.info().pid()) && n.verdict() instanceof Verdict.Refused r) {
          return new Outcome.Refused(n.info(), r.reason());
        }
      }
      return null;
    }
  }

  /** A process the filter skipped still holds it. */
  static final class SkippedHolder implements Rule {
    @Override
    public Outcome apply(Facts f) {
      Set<Long> holding = f.holding();
      for (ProcessNode n : f.finding().processes()) {
        if (holding.contains(n.info().pid()) && n.verdict() instanceof Verdict.Skipped s) {
          return new Outcome.StillBusy("still held by PID " + n.info().pid() + " (" + n.info().name()
              + "), skipped: " + s.reason());
        }
      }
      return null;
    }
  }

  /** A holder freeport was not permitted to signal. */
  static final class DeniedHolder implements Rule {
    @Override
    public Outcome apply(Facts f) {
      Set<Long> holding = f.holding();
      for (Map.Entry<ProcessRef, Ending> e : f.endings().entrySet()) {
        ProcessInfo p = f.signalled().get(e.getKey().pid());
        if (p != null && holding.contains(p.pid()) && e.getValue() == Ending.NOT_PERMITTED) {
          return new Outcome.Denied(p);
        }
      }
      return null;
    }
  }

  /** A process the stop signalled still runs and holds it. */
  static final class SurvivingHolder implements Rule {
    private final ProcessInspector processes;

    SurvivingHolder(ProcessInspector processes) {
      this.processes = processes;
    }

    @Override
    public Outcome apply(Facts f) {
      for (long pid : f.holding()) {
        ProcessInfo p = f.signalled().get(pid);
        if (p != null && processes.isRunning(p.ref())) {
          Ending e = f.endings().get(p.ref());
          return new Outcome.StillBusy("PID " + pid + " (" + p.name() + ") still holds it"
              + (e == Ending.SURVIVED_KILL ? " after the forced kill" : e == null ? ": it was not signalled" : ""));
        }
      }
      return null;
    }
  }

  /**
   * A process freeport never showed holds it now: respawned, when a watched parent started it
   * after the stop ended one of this port's processes; otherwise a newcomer, never signalled.
   */
  static final class Newcomer implements Rule {
    private final ProcessInspector processes;
    private final HostAdvisor advisor;

    Newcomer(ProcessInspector processes, HostAdvisor advisor) {
      this.processes = processes;
      this.advisor = advisor;
    }

    @Override
    public Outcome apply(Facts f) {
      Set<Long> holding = f.holding();
      if (holding.isEmpty()) {
        return null;
      }
      long pid = holding.iterator().next();
      Optional<ProcessInfo> newcomer = processes.describe(pid);
      Supervisors.Parent by = newcomer.isPresent() ? f.parents().get(newcomer.get().parentPid()) : null;
      if (by != null && f.stoppedAny()) {
        ProcessInfo n = newcomer.get();
        return new Outcome.Respawned(n, processes.describe(n.parentPid()), by.what(),
            stopForGood(n, by, f.finding().port()));
      }
      return new Outcome.StillBusy("now held by PID " + pid + (newcomer.isPresent() ? " (" + newcomer.get().name() + ")" : "")
          + ", which was not shown before: it took the port during the stop (a holder that forks and exits,"
          + " or another program); freeport did not signal it");
    }

    /**
     * How to stop a respawned program for good: the supervisor's own stop command, else what the
     * OS advises for a holder it supervises, each with {@code --parent} as the alternative; else
     * {@code --parent} alone.
     */
    private String stopForGood(ProcessInfo n, Supervisors.Parent by, int port) {
      Optional<String> command = Supervisors.stopCommand(by.what(), processes, n.pid());
      if (command.isEmpty() && advisor.supervisor(n).isPresent()) {
        Optional<Advice> advice = advisor.advice(n, port);
        if (advice.isPresent() && advice.get().instead() != null) {
          command = Optional.of(advice.get().instead());
        }
      }
      return command.isPresent()
          ? command.get() + ", or freeport " + port + " --parent"
          : "freeport " + port + " --parent (stops " + by.what() + " and its tree)";
    }
  }

  /** A socket on the port may have a holder this user cannot see. */
  static final class HiddenOwner implements Rule {
    private final HostAdvisor advisor;

    HiddenOwner(HostAdvisor advisor) {
      this.advisor = advisor;
    }

    @Override
    public Outcome apply(Facts f) {
      return ListeningSocket.anyOwnerHidden(f.now())
          ? new Outcome.Hidden(Outcomes.hiddenDetail(f.finding(), advisor.privilegeHint())) : null;
    }
  }

  /** A socket is on the port, and no process holds it. */
  static final class NoHolder implements Rule {
    @Override
    public Outcome apply(Facts f) {
      return f.now().isEmpty() ? null : new Outcome.StillBusy(ListeningSocket.NO_HOLDER);
    }
  }

  /** The port check could not be made: never free. */
  static final class Unverified implements Rule {
    @Override
    public Outcome apply(Facts f) {
      return f.check() instanceof BindCheck.Unverified u ? new Outcome.Unverified(u.why()) : null;
    }
  }

  /** Nothing is seen on the port, but binding it fails as "in use": what the OS says of it. */
  static final class InUse implements Rule {
    private final Explainer explainer;

    InUse(Explainer explainer) {
      this.explainer = explainer;
    }

    @Override
    public Outcome apply(Facts f) {
      if (f.check() instanceof BindCheck.InUse u) {
        Advice why = explainer.unbindable(u.endpoint(), f.timeWait());
        return new Outcome.StillBusy(why.why() + "; " + why.instead());
      }
      return null;
    }
  }

  /** The port verifier bound it: free when it was free and nothing was stopped, else freed. */
  static final class Free implements Rule {
    @Override
    public Outcome apply(Facts f) {
      if (!f.check().free()) {
        return null;
      }
      return f.finding().free() && !f.stoppedAny() ? new Outcome.Free() : new Outcome.Freed();
    }
  }
}
