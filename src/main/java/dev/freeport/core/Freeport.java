package dev.freeport.core;

import dev.freeport.core.engine.Deadlines;

import dev.freeport.core.engine.Engine;
import dev.freeport.core.engine.Plan;
import dev.freeport.core.engine.PortVerifier;
import dev.freeport.core.engine.ServerBindProbe;
import dev.freeport.core.engine.Stop;
import dev.freeport.core.engine.StopOptions;
import dev.freeport.core.engine.StopProgress;
import dev.freeport.core.exec.ProcessCommandRunner;
import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.port.BindProbe;
import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.port.Host;
import dev.freeport.core.safety.HolderFilter;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The library entry point and the one place that wires the engine: list listeners, survey who
 * holds ports into a plan, and stop a confirmed plan. Never prints; every result is a value.
 */
public final class Freeport {
  private final Host host;
  private final Engine engine;

  /** freeport on this host, binding real sockets and running real commands (docker, podman, netsh). */
  public Freeport(Host host) {
    this(host, new ServerBindProbe(), new ProcessCommandRunner());
  }

  /**
   * @param probe binds ports the way a server does, for the port check
   * @param commands runs the few external commands advice needs
   */
  public Freeport(Host host, BindProbe probe, CommandRunner commands) {
    this.host = host;
    Explainer explainer = new Explainer(new ContainerLookup(commands, Deadlines.COMMAND), host.advisor());
    this.engine = new Engine(host, explainer, new PortVerifier(probe, host.bindSemantics()), host.self());
  }

  /** Every listening socket on the given ports ({@link PortSet#all()} for all), one row per holder. */
  public List<SocketRow> list(Set<Protocol> protocols, PortSet ports) {
    return engine.discovery().list(protocols, ports);
  }

  /** Starts loading what a stop needs, in the background; call it before a survey that may lead to one. */
  public void prepareToStop() {
    host.signaller().prepareToStop();
    ServerBindProbe.warmUpInBackground();
  }

  /**
   * Who holds each requested port, with trees, safety verdicts and advice, and what a stop would
   * signal; changes nothing.
   *
   * @param filter holders outside it are skipped, never stopped
   * @param parents plan each holder's parent (a supervisor) and its tree instead of the holder
   */
  public Plan survey(Set<Protocol> protocols, PortSet ports, HolderFilter filter, boolean parents) {
    return engine.survey(protocols, ports, filter, parents);
  }

  /** Each port as a dry run reports it. */
  public List<PortResult> preview(Plan plan) {
    return engine.preview(plan);
  }

  /** Each port as it stays when the plan is not confirmed. */
  public List<PortResult> declined(Plan plan) {
    return engine.declined(plan);
  }

  /**
   * A stop of the confirmed plan: only its processes (and children they fork meanwhile that the
   * safety policy allows) are signalled; each port is then checked by binding it.
   */
  public Stop stop(Plan plan, StopOptions options, StopProgress progress) {
    return engine.stop(plan, options, progress);
  }

  /** Refuses a graceful request this OS does not have, with the ones it has (a usage error). */
  public void checkGraceful(GracefulSignal graceful) {
    engine.checkGraceful(graceful);
  }

  /** The lowest port in [from, to] a server could bind now, or empty. */
  public OptionalInt firstFreePort(int from, int to, Set<Protocol> protocols) {
    return engine.firstFree(from, to, protocols);
  }

  public String privilegeHint() {
    return host.advisor().privilegeHint();
  }
}
