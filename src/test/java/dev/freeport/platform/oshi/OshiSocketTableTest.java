package dev.freeport.platform.oshi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import org.junit.jupiter.api.Test;

/** OSHI connection rows as Windows' IP Helper tables and macOS report them, turned into sockets. */
class OshiSocketTableTest {
  static final byte[] ANY4 = {0, 0, 0, 0};
  static final byte[] LOOP4 = {127, 0, 0, 1};
  static final byte[] ANY6 = new byte[16];
  static final Set<Protocol> BOTH = EnumSet.allOf(Protocol.class);

  static IPConnection row(String type, byte[] local, int port, byte[] remote, int remotePort, TcpState state, int pid) {
    return new IPConnection(type, local, port, remote, remotePort, state, 0, 0, pid);
  }

  static Optional<String> socket(IPConnection c, PortSet ports) {
    return OshiSocketTable.toSocket(c, BOTH, ports)
        .map(s -> s.endpoint().protocol().label() + " " + s.endpoint().hostPort() + " " + s.holders());
  }

  @Test
  void listenersAndBoundUdpAreHoldersAndNothingElse() {
    PortSet all = PortSet.all();
    assertEquals(Optional.of("tcp 0.0.0.0:80 [4]"), socket(row("tcp4", ANY4, 80, ANY4, 0, TcpState.LISTEN, 4), all),
        "http.sys, owned by System (PID 4)");
    assertEquals(Optional.of("tcp [::]:3000 [5120]"), socket(row("tcp6", ANY6, 3000, ANY6, 0, TcpState.LISTEN, 5120), all));
    assertEquals(Optional.of("udp 0.0.0.0:5353 [1888]"), socket(row("udp4", ANY4, 5353, ANY4, 0, TcpState.NONE, 1888), all));
    assertEquals(Optional.empty(), socket(row("tcp4", LOOP4, 51234, LOOP4, 3000, TcpState.ESTABLISHED, 5120), all),
        "a client talking to 3000 does not hold its port");
    assertEquals(Optional.empty(), socket(row("tcp4", LOOP4, 3000, LOOP4, 51234, TcpState.TIME_WAIT, 0), all));
  }

  @Test
  void anUnknownOwnerIsAHiddenHolderAndPortsMatchExactly() {
    Optional<ListeningSocket> s = OshiSocketTable.toSocket(
        row("tcp4", ANY4, 8080, ANY4, 0, TcpState.LISTEN, -1), BOTH, PortSet.of(8080));
    assertEquals(List.of(), s.orElseThrow().holders());
    assertEquals(Optional.empty(), socket(row("tcp4", ANY4, 30001, ANY4, 0, TcpState.LISTEN, 9), PortSet.of(3000)));
    assertEquals(Optional.empty(), OshiSocketTable.toSocket(
        row("udp4", ANY4, 5353, ANY4, 0, TcpState.NONE, 9), EnumSet.of(Protocol.TCP), PortSet.all()));
  }
}
