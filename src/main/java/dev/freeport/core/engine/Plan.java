package dev.freeport.core.engine;

import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.Verdict;
import dev.freeport.core.safety.SafetyPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run found and what it may signal, computed once from the survey: the prompt shows and
 * counts this object, and the stop consumes it. It is also the gate every signal passes: a
 * process may be signalled only if it is a target, or was admitted during the stop as a new
 * descendant of a target that the same safety policy allows. A process refused or skipped
 * anywhere in the survey is never a target and never admitted, whichever tree reaches it.
 */
public final class Plan {
  private final List<PortFinding> findings;
  private final Set<Protocol> protocols;
  private final Instant surveyedAt;
  private final SafetyPolicy policy;
  private final Map<ProcessRef, ProcessInfo> targets = new LinkedHashMap<>();
  private final Set<ProcessRef> excluded = new HashSet<>();
  private final Map<ProcessRef, ProcessInfo> admitted = Collections.synchronizedMap(new LinkedHashMap<>());

  /**
   * @param findings the survey, one per requested port
   * @param protocols the protocols surveyed
   * @param surveyedAt when the survey began (uptimes are computed against it)
   * @param policy judges processes that appear during the stop
   */
  public Plan(List<PortFinding> findings, Set<Protocol> protocols, Instant surveyedAt, SafetyPolicy policy) {
    this.findings = List.copyOf(findings);
    this.protocols = Set.copyOf(protocols);
    this.surveyedAt = surveyedAt;
    this.policy = policy;
    List<ProcessNode> holders = new ArrayList<>();
    for (PortFinding f : findings) {
      holders.addAll(f.holders());
    }
    for (ProcessNode h : holders) {
      for (ProcessNode n : h.subtree()) {
        if (!n.verdict().allowed()) {
          excluded.add(n.info().ref());
        }
      }
    }
    for (ProcessNode h : holders) {
      if (permitted(h)) {
        targets.putIfAbsent(h.info().ref(), h.info());
      }
    }
    for (ProcessNode h : holders) {
      addTree(h);
    }
  }

  private boolean permitted(ProcessNode n) {
    return n.verdict().allowed() && !excluded.contains(n.info().ref());
  }

  /** Adds a permitted node and its permitted subtree; stops at a refused or skipped node. */
  private void addTree(ProcessNode n) {
    if (!permitted(n)) {
      return;
    }
    targets.putIfAbsent(n.info().ref(), n.info());
    for (ProcessNode child : n.children()) {
      addTree(child);
    }
  }

  public List<PortFinding> findings() {
    return findings;
  }

  public Set<Protocol> protocols() {
    return protocols;
  }

  public Instant surveyedAt() {
    return surveyedAt;
  }

  /** The processes to stop, holders first, each once. */
  public List<ProcessInfo> targets() {
    return List.copyOf(targets.values());
  }

  public int size() {
    return targets.size();
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** True when some requested port is not free. */
  public boolean anyBusy() {
    for (PortFinding f : findings) {
      if (!f.free()) {
        return true;
      }
    }
    return false;
  }

  /** The gate: true for a target, or a process admitted during the stop. */
  public boolean permits(ProcessRef p) {
    return targets.containsKey(p) || admitted.containsKey(p);
  }

  /** True for a process the survey refused or skipped: it is never signalled. */
  public boolean excludes(ProcessRef p) {
    return excluded.contains(p);
  }

  /**
   * Admits a process found below a permitted one during the stop (forked meanwhile), when the
   * safety policy allows it and the survey did not refuse or skip it.
   *
   * @return whether it may now be signalled
   */
  public boolean admit(ProcessInfo found) {
    if (permits(found.ref())) {
      return true;
    }
    if (excluded.contains(found.ref()) || !(policy.judge(found) instanceof Verdict.Allowed)) {
      return false;
    }
    admitted.put(found.ref(), found);
    return true;
  }

  /** Processes admitted during the stop, in the order they were found. */
  public List<ProcessInfo> admitted() {
    synchronized (admitted) {
      return List.copyOf(admitted.values());
    }
  }
}
