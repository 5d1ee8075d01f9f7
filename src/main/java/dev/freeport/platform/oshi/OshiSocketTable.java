package dev.freeport.platform.oshi;

import dev.freeport.core.discovery.Addresses;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OperatingSystem;

/**
 * Listening sockets from OSHI's connection table (IP Helper tables on Windows, the kernel's
 * tables on macOS and Linux). OSHI names one owner per socket; -1 (unknown) becomes no holder.
 */
public final class OshiSocketTable implements SocketTable {
  private final OperatingSystem os;

  public OshiSocketTable(OperatingSystem os) {
    this.os = os;
  }

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    List<ListeningSocket> out = new ArrayList<>();
    for (IPConnection c : os.getInternetProtocolStats().getConnections()) {
      toSocket(c, protocols, ports).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Map<Integer, Integer> timeWait(PortSet ports) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (IPConnection c : os.getInternetProtocolStats().getConnections()) {
      if (c.getState() == TcpState.TIME_WAIT && ports.matches(c.getLocalPort())) {
        counts.merge(c.getLocalPort(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The socket a connection row stands for, if it is a TCP listener or a bound UDP socket. */
  static Optional<ListeningSocket> toSocket(IPConnection c, Set<Protocol> protocols, PortSet ports) {
    Protocol p = c.getType().startsWith("tcp") ? Protocol.TCP : Protocol.UDP;
    boolean holds = p == Protocol.TCP ? c.getState() == TcpState.LISTEN : c.getForeignPort() == 0;
    if (!holds || !protocols.contains(p) || c.getLocalPort() <= 0 || !ports.matches(c.getLocalPort())) {
      return Optional.empty();
    }
    byte[] local = c.getLocalAddress();
    boolean v6 = c.getType().endsWith("6");
    String address = local.length == 0 ? (v6 ? "::" : "0.0.0.0") : Addresses.format(local);
    int owner = c.getowningProcessId();
    return Optional.of(new ListeningSocket(
        new Endpoint(p, address, c.getLocalPort()), owner < 0 ? List.of() : List.of((long) owner)));
  }
}
