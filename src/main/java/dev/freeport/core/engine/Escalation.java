package dev.freeport.core.engine;

import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.model.ProcessTable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stops the plan's targets the way {@code taskkill /T} then {@code /F} does: a graceful request
 * to every target, a bounded wait, then freeze whatever is left, take its tree again (children
 * forked meanwhile are admitted through the plan, never taken blindly), and force them all.
 * Every signal goes through the plan's gate.
 *
 * <p>{@link #abort()} may be called from another thread (Ctrl+C): once the freeze has begun it
 * kills every process this escalation froze or was about to force, so nothing is left frozen, and
 * no further signal is sent after it. The same happens, on the stopping thread itself, when the
 * stop ends any other way than by finishing: its thread is interrupted (a library caller
 * cancelling it), or a terminator fails. So the guarantee does not depend on who ends the stop.
 *
 * <p>What no code here can do once freeport itself is suspended (Ctrl+Z) or killed (SIGKILL) while
 * the tree is frozen is left to the terminator, which guards its own frozen window (on Unix a
 * watchdog process and a held-back SIGTSTP). A terminator that cannot freeze answers UNSUPPORTED
 * (Windows; a Unix whose libc cannot be bound); it is asked once, and the tree is then killed
 * without a freeze, as the kill needs none.
 */
final class Escalation {
  /** How many times the frozen tree is taken again looking for new children. */
  private static final int MAX_FREEZE_ROUNDS = 8;

  /** Where an escalation stands, for the message of an interrupted run. */
  enum Phase { NOT_STARTED, ASKING, FORCING, DONE }

  /**
   * What an abort found and did.
   *
   * @param phase how far the stop had come
   * @param asked processes sent the graceful request
   * @param killed processes killed by the abort itself (those past the graceful timeout, frozen or not yet)
   */
  record Abort(Phase phase, int asked, int killed) {}

  private final SignalGate gate;
  private final ProcessInspector inspector;
  private final Plan plan;
  private final Object lock = new Object();
  private final Set<ProcessRef> forcing = new LinkedHashSet<>(); // guarded by lock
  private Phase phase = Phase.NOT_STARTED; // guarded by lock
  private int asked; // guarded by lock
  private boolean aborted; // guarded by lock
  private Abort firstAbort; // guarded by lock
  private boolean freezes = true; // the stopping thread's: false once the terminator cannot freeze

  Escalation(SignalGate gate, ProcessInspector inspector, Plan plan) {
    this.gate = gate;
    this.inspector = inspector;
    this.plan = plan;
  }

  /**
   * @param timeout how long to wait for graceful exits before forcing
   * @param force skip the graceful step
   * @return how each process ended, targets in plan order, then processes admitted during the stop
   * @throws InterruptedException when the thread was interrupted: the stop was aborted first
   */
  Map<ProcessRef, Ending> stop(List<ProcessRef> targets, Duration timeout, boolean force, StopProgress progress)
      throws InterruptedException {
    boolean finished = false;
    try {
      Map<ProcessRef, Ending> result = escalate(targets, timeout, force, progress);
      finished = true;
      return result;
    } finally {
      if (!finished) {
        abort(); // interrupted or failed: nothing may be left frozen or half-forced
      }
    }
  }

  private Map<ProcessRef, Ending> escalate(List<ProcessRef> targets, Duration timeout, boolean force,
      StopProgress progress) throws InterruptedException {
    Map<ProcessRef, Ending> result = new LinkedHashMap<>();
    List<ProcessRef> running = new ArrayList<>();
    List<ProcessRef> forceNow = new ArrayList<>();
    boolean graceful = !force && gate.supportsGraceful();
    enter(Phase.ASKING);
    for (ProcessRef p : targets) {
      if (!graceful) {
        forceNow.add(p);
        continue;
      }
      Delivery d = send(p, Action.GRACEFUL);
      switch (d) {
        case UNSUPPORTED -> forceNow.add(p); // no graceful way for this one: waiting would only cost time
        case DELIVERED -> {
          synchronized (lock) {
            asked++;
          }
          send(p, Action.RESUME);
          running.add(p);
        }
        default -> record(result, p, d);
      }
    }
    if (!running.isEmpty()) {
      progress.waiting(running, timeout);
      Set<ProcessRef> left = gate.awaitExit(running, timeout);
      checkInterrupted();
      for (ProcessRef p : running) {
        if (!left.contains(p)) {
          result.put(p, Ending.EXITED_ON_REQUEST);
        }
      }
      running.retainAll(left);
    }
    forceNow.addAll(running);
    if (!forceNow.isEmpty()) {
      progress.forcing(forceNow);
      forceTree(targets, forceNow, result);
    }
    enter(Phase.DONE);
    return result;
  }

  /** Throws when the stopping thread was interrupted; {@link #stop} then aborts. */
  private static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("the stop was interrupted");
    }
  }

  private void forceTree(List<ProcessRef> targets, List<ProcessRef> left, Map<ProcessRef, Ending> result)
      throws InterruptedException {
    synchronized (lock) {
      forcing.addAll(left); // past the timeout: from here an abort kills them rather than leave some running
      phase = Phase.FORCING;
    }
    Set<ProcessRef> frozen = new LinkedHashSet<>();
    Set<ProcessRef> toFreeze = new LinkedHashSet<>(left);
    boolean finished = false;
    try {
      for (int round = 0; round < MAX_FREEZE_ROUNDS && !toFreeze.isEmpty(); round++) {
        for (ProcessRef p : toFreeze) {
          Delivery d = freeze(p);
          if (d == Delivery.DELIVERED || d == Delivery.UNSUPPORTED) {
            frozen.add(p); // UNSUPPORTED: no freeze here (Windows; no libc); it is killed all the same
          } else {
            record(result, p, d);
          }
        }
        Set<ProcessRef> roots = new LinkedHashSet<>(targets);
        roots.addAll(frozen);
        toFreeze = newDescendants(inspector.snapshot(), roots, frozen, result.keySet());
        checkInterrupted();
      }
      frozen.addAll(toFreeze); // found in the last round: killed without a freeze
      List<ProcessRef> killed = new ArrayList<>();
      for (ProcessRef p : frozen) {
        Delivery d = send(p, Action.FORCE);
        if (d == Delivery.DELIVERED) {
          killed.add(p);
        } else {
          record(result, p, d);
        }
      }
      Set<ProcessRef> survivors = gate.awaitExit(killed, Deadlines.FORCE_WAIT);
      for (ProcessRef p : killed) {
        result.put(p, survivors.contains(p) ? Ending.SURVIVED_KILL : Ending.KILLED);
      }
      finished = true;
    } finally {
      // Frozen but not killed (its kill was refused, or an abort stopped the sending) must run
      // again. A stop that did not finish is aborted by stop(), which kills them first.
      if (finished || aborted()) {
        for (ProcessRef p : frozen) {
          if (!result.containsKey(p) || result.get(p) == Ending.NOT_PERMITTED) {
            gate.send(p, Action.RESUME);
          }
        }
      }
    }
  }

  /**
   * Processes below the roots in this snapshot that the stop has not dealt with yet: planned ones,
   * and new ones the plan admits. The walk never passes through a process the plan excludes or
   * does not admit, so nothing below a refused or skipped process is reached.
   */
  private Set<ProcessRef> newDescendants(
      ProcessTable table, Set<ProcessRef> roots, Set<ProcessRef> frozen, Set<ProcessRef> done) {
    Set<ProcessRef> found = new LinkedHashSet<>();
    Set<ProcessRef> seen = new LinkedHashSet<>(roots);
    ArrayDeque<ProcessRef> queue = new ArrayDeque<>();
    for (ProcessRef r : roots) { // not new ArrayDeque<>(roots): that copies through a method reference
      queue.add(r);
    }
    while (!queue.isEmpty()) {
      ProcessRef at = queue.poll();
      if (!table.contains(at)) {
        continue;
      }
      for (ProcessRef child : table.children(at.pid())) {
        if (!seen.add(child) || !admits(child)) {
          continue;
        }
        queue.add(child);
        if (!frozen.contains(child) && !done.contains(child)) {
          found.add(child);
        }
      }
    }
    return found;
  }

  private boolean admits(ProcessRef child) {
    if (plan.permits(child)) {
      return true;
    }
    if (plan.excludes(child)) {
      return false;
    }
    Optional<ProcessInfo> found = inspector.describe(child.pid());
    return found.isPresent() && found.get().ref().equals(child) && plan.admit(found.get());
  }

  /**
   * Freezes one process, or, once the terminator has said it cannot freeze (Windows; a Unix whose
   * libc cannot be bound), asks no more and leaves the process to the kill, which needs no freeze.
   */
  private Delivery freeze(ProcessRef p) {
    if (freezes) {
      Delivery d = send(p, Action.FREEZE);
      freezes = d != Delivery.UNSUPPORTED;
      return d;
    }
    synchronized (lock) {
      if (aborted) {
        return Delivery.NOT_PLANNED;
      }
      forcing.add(p); // as send() does: an abort from here kills it
    }
    return Delivery.UNSUPPORTED;
  }

  private Delivery send(ProcessRef p, Action action) {
    synchronized (lock) {
      if (aborted) {
        return Delivery.NOT_PLANNED;
      }
      if (action == Action.FREEZE || action == Action.FORCE) {
        forcing.add(p);
      }
      return gate.send(p, action);
    }
  }

  private static void record(Map<ProcessRef, Ending> result, ProcessRef p, Delivery d) {
    switch (d) {
      case GONE -> result.putIfAbsent(p, Ending.ALREADY_EXITED);
      case DENIED -> result.put(p, Ending.NOT_PERMITTED);
      default -> { } // NOT_PLANNED: never signalled, so nothing to report about it
    }
  }

  private boolean aborted() {
    synchronized (lock) {
      return aborted;
    }
  }

  private void enter(Phase next) {
    synchronized (lock) {
      phase = next;
    }
  }

  /**
   * Ends the stop from another thread: no signal is sent after this returns, and once forcing
   * has begun, every process that was frozen or about to be forced is killed, so none is left
   * frozen or half-stopped.
   */
  Abort abort() {
    List<ProcessRef> killed = new ArrayList<>();
    Abort summary;
    synchronized (lock) {
      if (firstAbort != null) {
        return firstAbort; // the hook and the stopping thread may both abort: the first did the work
      }
      aborted = true;
      if (phase == Phase.FORCING) {
        for (ProcessRef p : forcing) {
          if (gate.send(p, Action.FORCE) == Delivery.DELIVERED) {
            killed.add(p);
          } else {
            gate.send(p, Action.RESUME);
          }
        }
      }
      summary = new Abort(phase, asked, killed.size());
      firstAbort = summary;
    }
    gate.awaitExit(killed, Deadlines.FORCE_WAIT); // so that "killed" is true by the time freeport exits
    return summary;
  }

}
