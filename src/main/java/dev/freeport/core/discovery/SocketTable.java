package dev.freeport.core.discovery;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.List;
import java.util.Set;

/** The operating system's table of listening sockets, one implementation per platform. */
public interface SocketTable {

  /**
   * Listening TCP sockets and bound UDP sockets, IPv4 and IPv6, with every process that holds
   * each of them.
   *
   * @param protocols which protocols to include
   * @param ports which local ports to include; {@link PortSet#all()} for every port
   */
  List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports);

  /** TCP connections in TIME_WAIT on this local port; 0 when the platform cannot tell. */
  default int timeWait(int port) {
    return 0;
  }
}
