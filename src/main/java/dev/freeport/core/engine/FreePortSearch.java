package dev.freeport.core.engine;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.SocketTable;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Finds the first port in a range that a server could bind, as the {@link PortVerifier} judges it. */
final class FreePortSearch {
  private final SocketTable sockets;
  private final PortVerifier verifier;

  FreePortSearch(SocketTable sockets, PortVerifier verifier) {
    this.sockets = sockets;
    this.verifier = verifier;
  }

  /** The lowest free port in [from, to], or empty when none is. */
  OptionalInt first(int from, int to, Set<Protocol> protocols) {
    Map<Integer, List<ListeningSocket>> taken = ListeningSocket.byPort(sockets.listening(protocols, PortSet.range(from, to)));
    for (int port = from; port <= to; port++) {
      if (verifier.check(port, protocols, taken.getOrDefault(port, List.of()), List.of()).free()) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }
}
