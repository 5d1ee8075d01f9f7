package dev.freeport.core.engine;

import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.BindProbe;
import dev.freeport.core.port.BindProbe.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promise 3, in one place: whether a server could bind a port now. Everything that says "free"
 * (the survey, the check after a stop, {@code find}) asks this class, and this class alone decides
 *
 * <ul>
 *   <li>which endpoints must bind: those the port was found on, both wildcards of each protocol,
 *       and where the OS lets a wildcard bind succeed beside a specific one (macOS), the loopback
 *       addresses too;
 *   <li>how they are bound: as a server would ({@link BindProbe});
 *   <li>what a failure means, by what happened and never by the words of its message, which are
 *       translated: "in use" is learned at run time by provoking it on a loopback port, and any
 *       other failure is told apart by binding port 0 of the same address. A check that could not
 *       be made is {@link BindCheck.Unverified}, never free.
 * </ul>
 */
public final class PortVerifier {
  private static final BindCheck BOUND = new BindCheck.Bound();
  private static final BindCheck HELD = new BindCheck.Held();
  private static final List<String> LOOPBACKS = List.of("127.0.0.1", "::1");

  private final BindProbe probe;
  private final BindSemantics semantics;
  /** This platform's "in use" failure per protocol, learned on first need; empty when it could not be. */
  private final Map<Protocol, Optional<Failure>> inUse = new EnumMap<>(Protocol.class);

  public PortVerifier(BindProbe probe, BindSemantics semantics) {
    this.probe = probe;
    this.semantics = semantics;
  }

  /**
   * The port's state: {@link BindCheck.Held} when the tables show sockets on it; otherwise each
   * endpoint a server would bind is bound, and the port is {@link BindCheck.Bound} (free) only if
   * every one of them bound. An "in use" failure wins over one that could not be classified.
   *
   * @param onPort the sockets the tables show on the port now
   * @param seen the endpoints the port was found on before (bound again: a server restarts there)
   */
  public BindCheck check(int port, Set<Protocol> protocols, List<ListeningSocket> onPort, Collection<Endpoint> seen) {
    if (!onPort.isEmpty()) {
      return HELD;
    }
    BindCheck unverified = null;
    for (Endpoint e : endpoints(port, protocols, seen)) {
      BindCheck c = bind(e);
      if (c instanceof BindCheck.InUse) {
        return c;
      }
      if (c instanceof BindCheck.Unverified && unverified == null) {
        unverified = c;
      }
    }
    return unverified != null ? unverified : BOUND;
  }

  /** {@link #check} of a port where the tables show nothing and nothing was seen before. */
  public BindCheck check(int port, Set<Protocol> protocols) {
    return check(port, protocols, List.of(), List.of());
  }

  /** The endpoints a server must be able to bind for the port to be free, each once, in order. */
  public List<Endpoint> endpoints(int port, Set<Protocol> protocols, Collection<Endpoint> seen) {
    Set<Endpoint> all = new LinkedHashSet<>(seen);
    for (Protocol p : protocols) {
      all.addAll(Endpoint.wildcards(p, port));
      if (semantics == BindSemantics.SPECIFIC_MAY_HIDE) {
        for (String loopback : LOOPBACKS) {
          all.add(new Endpoint(p, loopback, port));
        }
      }
    }
    return new ArrayList<>(all);
  }

  /**
   * One endpoint: bound; in use; unverified; or null when nothing can be bound at its address at
   * all (an address no longer on this host, a family the OS has turned off), so nothing holds it.
   */
  BindCheck bind(Endpoint e) {
    Optional<Failure> failed = probe.bind(e);
    if (failed.isEmpty()) {
      return BOUND;
    }
    Failure f = failed.get();
    if (f.equals(inUseFailure(e.protocol()).orElse(null))) {
      return new BindCheck.InUse(e);
    }
    if (probe.restricted(e)) {
      return new BindCheck.Unverified(e, "freeport's own Java runtime is set not to use IPv6"
          + " (-Djava.net.preferIPv4Stack=true, perhaps from JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or _JAVA_OPTIONS),"
          + " so it cannot bind " + e.hostPort() + " to check it; run freeport without that option");
    }
    if (probe.bind(new Endpoint(e.protocol(), e.address(), 0)).isEmpty()) {
      return new BindCheck.Unverified(e, "binding " + e.hostPort() + " fails, but not because it is in use ("
          + f.message() + "), so freeport cannot tell whether a server could bind it"
          + (e.port() < 1024 ? "; binding a port below 1024 may need root: re-run with sudo" : ""));
    }
    if (canBindAnything(e.protocol())) {
      return null; // no port at all can be bound on this address here: nothing can be holding it
    }
    return new BindCheck.Unverified(e, "freeport cannot bind any socket now (" + f.message()
        + "), so it cannot check " + e.hostPort());
  }

  private boolean canBindAnything(Protocol p) {
    for (String loopback : LOOPBACKS) {
      if (probe.bind(new Endpoint(p, loopback, 0)).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** How "in use" fails for this protocol here, provoked once on a loopback port. */
  private Optional<Failure> inUseFailure(Protocol p) {
    Optional<Failure> known = inUse.get(p);
    if (known == null) {
      known = provoke(p);
      inUse.put(p, known);
    }
    return known;
  }

  private Optional<Failure> provoke(Protocol p) {
    for (String loopback : LOOPBACKS) {
      try (BindProbe.Occupied held = probe.occupy(new Endpoint(p, loopback, 0))) {
        Optional<Failure> f = probe.bind(new Endpoint(p, loopback, held.port()));
        if (f.isPresent()) {
          return f;
        }
      } catch (IOException | RuntimeException e) {
        // this loopback cannot be bound: try the other
      }
    }
    return Optional.empty();
  }
}
