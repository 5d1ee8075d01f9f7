package dev.freeport.core.port;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operating system's table of sockets, one implementation per platform. */
public interface SocketTable {

  /**
   * Listening TCP sockets and bound UDP sockets, IPv4 and IPv6, with every process that holds
   * each of them. One call reads the tables once, whatever the number of ports.
   *
   * @param protocols which protocols to include
   * @param ports which local ports to include; {@link PortSet#all()} for every port
   */
  List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports);

  /**
   * Sockets on these local ports that are not listeners but still keep a server from binding
   * them: accepted TCP connections and connected UDP sockets (TIME_WAIT entries excluded), with
   * their holders and {@link ListeningSocket#kind()} set. Empty where the platform cannot
   * tell.
   */
  default List<ListeningSocket> blocking(Set<Protocol> protocols, PortSet ports) {
    return List.of();
  }

  /** TCP connections in TIME_WAIT per local port, for these ports; ports with none are absent. */
  default Map<Integer, Integer> timeWait(PortSet ports) {
    return Map.of();
  }

  /**
   * False where the table omits sockets this user may not see (macOS without root), so a port
   * with no visible socket whose bind fails as "in use" has a holder freeport cannot see.
   */
  default boolean seesAll() {
    return true;
  }

  /** {@link #listening} and {@link #timeWait} for the same ports. */
  record Snapshot(List<ListeningSocket> listening, Map<Integer, Integer> timeWait) {}

  /**
   * {@link #listening} and {@link #timeWait} together, from one reading of the tables where the
   * platform can (each reading of Linux's /proc/net/tcp walks the kernel's whole connection
   * table, a few milliseconds however few sockets there are).
   */
  default Snapshot snapshot(Set<Protocol> protocols, PortSet ports) {
    return new Snapshot(listening(protocols, ports), timeWait(ports));
  }
}
