package dev.freeport.core.engine;

import dev.freeport.core.port.Host;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.safety.SafetyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * freeport's engine: survey the requested ports into one {@link Plan}, then stop it (graceful,
 * wait, freeze, force, all through the plan's gate), watch for a respawn, and verify each port by
 * reading the socket tables once and binding the port the way a server would. All collaborators
 * come in through the constructor, so its rules run against a scripted host in tests.
 */
public final class Engine {
  private final Host host;
  private final Discovery discovery;
  private final Explainer explainer;
  private final PortVerifier verifier;
  private final long self;

  /**
   * @param host the OS: socket table, process inspector, terminators, advice
   * @param explainer advice and refusals for holders
   * @param verifier decides whether a server could bind a port now
   * @param self freeport's own pid (never stopped, nor its parent chain)
   */
  public Engine(Host host, Explainer explainer, PortVerifier verifier, long self) {
    this.host = host;
    this.discovery = new Discovery(host, explainer, verifier);
    this.explainer = explainer;
    this.verifier = verifier;
    this.self = self;
  }

  public Discovery discovery() {
    return discovery;
  }

  /**
   * Who holds each requested port, with trees, verdicts and advice, and what a stop would signal.
   * Changes nothing.
   *
   * @param parents plan each holder's parent (a supervisor) and its tree instead of the holder
   */
  public Plan survey(Set<Protocol> protocols, PortSet ports, HolderFilter filter, boolean parents) {
    Instant at = Instant.now();
    SafetyPolicy policy = new SafetyPolicy(self, Set.copyOf(ancestry()), host.advisor().criticalProcessNames());
    List<PortFinding> findings = discovery.survey(protocols, ports, policy, filter, parents);
    return new Plan(findings, protocols, at, policy);
  }

  /** freeport's parent chain: the shell, script or tool that ran it. */
  Set<Long> ancestry() {
    return new HashSet<>(host.processes().ancestors(self));
  }

  /** Each port as a dry run reports it; nothing is signalled. */
  public List<PortResult> preview(Plan plan) {
    List<PortResult> out = new ArrayList<>();
    for (PortFinding f : plan.findings()) {
      out.add(new PortResult(f, Outcomes.preview(f, host.advisor().privilegeHint()), List.of(), Duration.ZERO, 0));
    }
    return Collections.unmodifiableList(out);
  }

  /** Each port as it stays when the user does not confirm. */
  public List<PortResult> declined(Plan plan) {
    List<PortResult> out = new ArrayList<>();
    for (PortFinding f : plan.findings()) {
      out.add(new PortResult(f, f.free() ? new Outcome.Free() : new Outcome.Declined(), List.of(), Duration.ZERO, 0));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Refuses a graceful request this OS does not have (close on Linux, USR1 on Windows).
   *
   * @throws dev.freeport.core.model.InvalidInputException naming the ones it has
   */
  public void checkGraceful(GracefulSignal graceful) {
    if (!host.signaller().gracefulSignals().contains(graceful)) {
      throw new dev.freeport.core.model.InvalidInputException("--signal " + graceful.label() + " does not exist on this OS;"
          + " use " + labels(host.signaller().gracefulSignals()));
    }
  }

  /** The labels joined with ", ". */
  private static String labels(Collection<GracefulSignal> signals) {
    StringBuilder out = new StringBuilder();
    String separator = "";
    for (GracefulSignal s : signals) {
      out.append(separator).append(s.label());
      separator = ", ";
    }
    return out.toString();
  }

  /** The lowest port in [from, to] a server could bind now, or empty. */
  public java.util.OptionalInt firstFree(int from, int to, Set<Protocol> protocols) {
    return new FreePortSearch(host.sockets(), verifier).first(from, to, protocols);
  }

  /**
   * Prepares the stop of a confirmed plan; {@link Stop#run()} carries it out.
   *
   * @throws dev.freeport.core.model.InvalidInputException when this OS has no such graceful request
   */
  public Stop stop(Plan plan, StopOptions options, StopProgress progress) {
    checkGraceful(options.graceful());
    Set<Long> ownChain = ancestry();
    ownChain.add(self);
    return new Stop(host, explainer, verifier, plan, options, Deadlines.of(options, host.clock()), progress, ownChain);
  }
}
