package dev.freeport.core.explain;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.safety.Verdict;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * Recognises holders that stopping will not fix: a systemd service (it gets restarted) and a
 * container port forwarder (stopping it breaks the container's port mapping; the engine does not
 * restart it). Says what will free the port instead.
 */
public final class Explainer {
  /** Processes that forward a host port into a container or VM. */
  static final Set<String> FORWARDERS = Set.of("docker-proxy", "rootlesskit", "rootlessport", "slirp4netns",
      "vpnkit", "vpnkit-bridge", "com.docker.backend", "gvproxy", "conmon");

  private final LongFunction<Optional<String>> cgroupOf;
  private final ContainerLookup containers;
  private final BiFunction<ProcessInfo, Integer, Optional<Advice>> platform;

  /**
   * @param cgroupOf a process's cgroup file (/proc/PID/cgroup), where the platform has one
   * @param containers names the container publishing a port
   * @param platform the OS's own advice (launchd on macOS, http.sys and services on Windows)
   */
  public Explainer(
      LongFunction<Optional<String>> cgroupOf,
      ContainerLookup containers,
      BiFunction<ProcessInfo, Integer, Optional<Advice>> platform) {
    this.cgroupOf = cgroupOf;
    this.containers = containers;
    this.platform = platform;
  }

  public Explainer(LongFunction<Optional<String>> cgroupOf, ContainerLookup containers) {
    this(cgroupOf, containers, (p, port) -> Optional.empty());
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
    Optional<Advice> own = platform.apply(holder, port);
    if (own.isPresent()) {
      return own;
    }
    return cgroupOf.apply(holder.pid())
        .flatMap(SystemdUnits::fromCgroup)
        .map(u -> new Advice("it runs as the systemd " + (u.user() ? "user " : "") + "service " + u.name()
            + ", which may restart it", u.stopCommand()));
  }

  /** Forwarders are never stopped: that would break the container's port, not free it. */
  public Optional<Verdict> verdict(ProcessInfo holder) {
    return isForwarder(holder)
        ? Optional.of(new Verdict.Refused("it is a container port forwarder; stop the container instead"))
        : Optional.empty();
  }

  static boolean isForwarder(ProcessInfo p) {
    String argv0 = p.command().isEmpty() ? "" : p.command().split(" ", 2)[0];
    String base = argv0.substring(argv0.lastIndexOf('/') + 1);
    return FORWARDERS.contains(p.name().toLowerCase(Locale.ROOT)) || FORWARDERS.contains(base);
  }
}
