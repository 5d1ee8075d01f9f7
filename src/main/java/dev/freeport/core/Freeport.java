package dev.freeport.core;

import dev.freeport.core.discovery.Discovery;
import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.kill.BindProbe;
import dev.freeport.core.kill.Escalation;
import dev.freeport.core.kill.PortFreer;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.safety.SafetyPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The library entry point: list listeners, survey who holds ports, and free them. Never prints;
 * every result is a value.
 */
public final class Freeport {
  private final Host host;
  private final Discovery discovery;
  private final BindProbe probe = new BindProbe();
  private final long self;

  public Freeport(Host host) {
    this.host = host;
    this.discovery = new Discovery(host.sockets(), host.processes(),
        new Explainer(host.processes()::cgroup, new ContainerLookup(), host::advice),
        host.seesAllSockets() ? e -> false : e -> !probe.canBind(e));
    this.self = ProcessHandle.current().pid();
  }

  /** Every listening socket on the given ports ({@link PortSet#all()} for all), one row per holder. */
  public List<SocketRow> list(Set<Protocol> protocols, PortSet ports) {
    return discovery.list(protocols, ports);
  }

  /** Starts loading what a stop needs, in the background; call it before a survey that may lead to one. */
  public void prepareToStop() {
    host.prepareToStop();
    BindProbe.warmUpInBackground();
  }

  /** Who holds each requested port, with trees and safety verdicts; changes nothing. */
  public List<PortFinding> survey(Set<Protocol> protocols, PortSet ports) {
    return survey(protocols, ports, HolderFilter.NONE, false);
  }

  /**
   * Like {@link #survey(Set, PortSet)}, with holders outside the filter marked as skipped.
   *
   * @param parents stop each holder's parent (a supervisor) and its tree instead of the holder
   */
  public List<PortFinding> survey(Set<Protocol> protocols, PortSet ports, HolderFilter filter, boolean parents) {
    SafetyPolicy policy =
        new SafetyPolicy(self, Set.copyOf(host.processes().ancestors(self)), host.criticalProcessNames());
    return discovery.survey(protocols, ports, policy, filter, parents);
  }

  /**
   * Stops what the survey found (only what the safety policy allows) and checks each port again.
   *
   * @param timeout how long to wait for graceful exits before forcing
   * @param force skip the graceful request
   * @throws InterruptedException when interrupted; processes already signalled stay signalled
   */
  public List<PortResult> free(
      List<PortFinding> findings,
      Set<Protocol> protocols,
      Duration timeout,
      boolean force,
      Escalation.Progress progress)
      throws InterruptedException {
    Set<Long> keep = new HashSet<>(host.processes().ancestors(self));
    keep.add(self);
    return new PortFreer(discovery, host::openTerminator, probe, keep)
        .free(findings, protocols, timeout, force, progress);
  }

  /** The lowest port in [from, to] a server could bind now, or empty. */
  public OptionalInt firstFreePort(int from, int to, Set<Protocol> protocols) {
    return new FreePortSearch(host.sockets(), probe).first(from, to, protocols);
  }

  public String privilegeHint() {
    return host.privilegeHint();
  }
}
