package dev.freeport.core;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.kill.BindProbe;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds the first port in a range that a server could bind: nothing listens on it (any address,
 * IPv4 or IPv6) and binding both the IPv4 and the IPv6 wildcard address succeeds.
 */
public final class FreePortSearch {
  private final SocketTable sockets;
  private final BindProbe probe;

  public FreePortSearch(SocketTable sockets, BindProbe probe) {
    this.sockets = sockets;
    this.probe = probe;
  }

  /** The lowest free port in [from, to], or empty when every one is taken. */
  public OptionalInt first(int from, int to, Set<Protocol> protocols) {
    BitSet taken = new BitSet();
    sockets.listening(protocols, PortSet.range(from, to)).forEach(s -> taken.set(s.endpoint().port()));
    for (int port = taken.nextClearBit(from); port <= to; port = taken.nextClearBit(port + 1)) {
      if (bindable(port, protocols)) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }

  private boolean bindable(int port, Set<Protocol> protocols) {
    return protocols.stream().flatMap(p -> Endpoint.wildcards(p, port).stream()).allMatch(probe::canBind);
  }
}
