package dev.freeport.core.explain;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.port.HostAdvisor;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises holders that stopping will not fix and says what will: container port forwarders
 * on every OS (never stopped: that breaks the container's port, it does not free it), and the
 * host OS's own cases (systemd units, launchd jobs, http.sys, services).
 */
public final class Explainer {
  /** Processes that forward a host port into a container or VM. */
  static final Set<String> FORWARDERS = Set.of("docker-proxy", "rootlesskit", "rootlessport", "slirp4netns",
      "vpnkit", "vpnkit-bridge", "com.docker.backend", "com.docker.proxy", "gvproxy", "conmon");

  private final ContainerLookup containers;
  private final HostAdvisor host;

  /**
   * @param containers names the container publishing a port (asked at most once per run)
   * @param host the OS's own advice, refusals and reasons for failed binds
   */
  public Explainer(ContainerLookup containers, HostAdvisor host) {
    this.containers = containers;
    this.host = host;
  }

  /**
   * Why binding this endpoint fails as "in use" although no visible socket holds its port, and
   * what frees it: the OS's reason, else the general one.
   *
   * @param timeWait TCP connections in TIME_WAIT on the port
   */
  public Advice unbindable(Endpoint failed, int timeWait) {
    Optional<Advice> why = host.whyUnbindable(failed, timeWait);
    return why.isPresent() ? why.get() : Advice.unexplainedBindFailure(failed);
  }

  /**
   * Advice for one holder of a port, if stopping it is not the right fix.
   *
   * @param below how many processes its tree holds below it
   */
  public Optional<Advice> explain(ProcessInfo holder, int port, int below) {
    if (holder.command().startsWith("PM2 v")) {
      return Optional.of(new Advice("it is the pm2 daemon itself (an app in cluster mode shares its socket):"
          + " stopping it stops pm2 and every app it manages (" + below + " processes below it)",
          "pm2 stop NAME stops one app (pm2 list names them); pm2 kill stops pm2 and all of them"));
    }
    return explain(holder, port);
  }

  /** Advice for one holder of a port, if stopping it is not the right fix. */
  public Optional<Advice> explain(ProcessInfo holder, int port) {
    if (isForwarder(holder)) {
      Optional<ContainerLookup.Container> c = containers.publishing(port);
      return Optional.of(new Advice(
          holder.name() + " forwards port " + port + " into a container"
              + c.map(x -> " (" + x.name() + ")").orElse(""),
          c.map(x -> x.cli() + " stop " + x.name())
              .orElse("stop the container that publishes port " + port + " (docker ps --filter publish=" + port + ")")));
    }
    return host.advice(holder, port);
  }

  /** Why this holder must never be stopped, beyond the safety policy; empty to allow it. */
  public Optional<String> refusal(ProcessInfo holder) {
    return isForwarder(holder)
        ? Optional.of("it is a container port forwarder; stop the container instead")
        : host.refusal(holder);
  }

  /** By name or argv[0], any case, with or without Windows' .exe (OSHI may give either). */
  static boolean isForwarder(ProcessInfo p) {
    String c = p.command();
    int quoteEnd = c.startsWith("\"") ? c.indexOf('"', 1) : -1;
    String argv0 = quoteEnd > 0 ? c.substring(1, quoteEnd) : c.split(" ", 2)[0];
    return FORWARDERS.contains(ProcessInfo.plainName(p.name())) || FORWARDERS.contains(ProcessInfo.plainName(argv0));
  }
}
