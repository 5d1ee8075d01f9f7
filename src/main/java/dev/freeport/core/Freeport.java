package dev.freeport.core;

import dev.freeport.core.engine.Engine;
import dev.freeport.core.engine.Plan;
import dev.freeport.core.engine.Stop;
import dev.freeport.core.engine.StopOptions;
import dev.freeport.core.engine.StopProgress;
import dev.freeport.core.exec.ProcessCommandRunner;
import dev.freeport.core.explain.ContainerLookup;
import dev.freeport.core.explain.Explainer;
import dev.freeport.core.kill.BindProbe;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.safety.HolderFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The library entry point: list listeners, survey who holds ports into a plan, and stop a
 * confirmed plan. Never prints; every result is a value.
 */
public final class Freeport {
  private final Host host;
  private final BindProbe probe = new BindProbe();
  private final Engine engine;

  public Freeport(Host host) {
    this.host = host;
    Explainer explainer = new Explainer(new ContainerLookup(new ProcessCommandRunner()), new HostAdvice(host),
        new HostRefusal(host));
    this.engine = new Engine(host, explainer, new CanBind(probe), host.self());
  }

  // The three below are host::advice, host::refusal and probe::canBind written out as classes:
  // a method reference links method handles the first time it is evaluated (about 130
  // microseconds each at start-up, even from a CDS archive), and every run builds these.

  private static final class HostAdvice implements BiFunction<ProcessInfo, Integer, Optional<Advice>> {
    private final Host host;

    HostAdvice(Host host) {
      this.host = Objects.requireNonNull(host);
    }

    @Override
    public Optional<Advice> apply(ProcessInfo holder, Integer port) {
      return host.advice(holder, port);
    }
  }

  private static final class HostRefusal implements Function<ProcessInfo, Optional<String>> {
    private final Host host;

    HostRefusal(Host host) {
      this.host = Objects.requireNonNull(host);
    }

    @Override
    public Optional<String> apply(ProcessInfo holder) {
      return host.refusal(holder);
    }
  }

  private static final class CanBind implements Predicate<Endpoint> {
    private final BindProbe probe;

    CanBind(BindProbe probe) {
      this.probe = probe;
    }

    @Override
    public boolean test(Endpoint e) {
      return probe.canBind(e);
    }
  }

  /** Every listening socket on the given ports ({@link PortSet#all()} for all), one row per holder. */
  public List<SocketRow> list(Set<Protocol> protocols, PortSet ports) {
    return engine.discovery().list(protocols, ports);
  }

  /** Starts loading what a stop needs, in the background; call it before a survey that may lead to one. */
  public void prepareToStop() {
    host.prepareToStop();
    BindProbe.warmUpInBackground();
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
    return new FreePortSearch(host.sockets(), probe).first(from, to, protocols);
  }

  public String privilegeHint() {
    return host.privilegeHint();
  }
}
