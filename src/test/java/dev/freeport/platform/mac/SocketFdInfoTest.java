package dev.freeport.platform.mac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import dev.freeport.platform.mac.SocketFdInfo.InetSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The layout freeport reads, against struct socket_fdinfo dumps laid out by a C compiler from the
 * xnu header's definitions, every other byte filled with 0xa5 so that a wrong offset reads noise.
 */
class SocketFdInfoTest {
  static InetSocket decode(String dump) {
    byte[] b = ScriptedLibProc.dump("mac/" + dump);
    assertEquals(SocketFdInfo.SIZE, b.length, "sizeof(struct socket_fdinfo)");
    return SocketFdInfo.decode(b).orElseThrow();
  }

  @Test
  void aDualStackTcpListener() {
    InetSocket s = decode("tcp6-listen-any-5000.hex");
    assertEquals(new Endpoint(Protocol.TCP, "::", 5000), s.endpoint());
    assertEquals(0x6b1d4a0c9e2f7731L, s.handle());
    assertTrue(s.listening());
    assertTrue(s.holdsPort());
  }

  @Test
  void aV6OnlyLoopbackListener() {
    InetSocket s = decode("tcp6-listen-loopback-8080.hex");
    assertEquals(new Endpoint(Protocol.TCP, "::1", 8080), s.endpoint());
    assertTrue(s.holdsPort());
  }

  @Test
  void anUnconnectedUdpSocketOnIpv4() {
    InetSocket s = decode("udp4-bound-loopback-5353.hex");
    assertEquals(new Endpoint(Protocol.UDP, "127.0.0.1", 5353), s.endpoint());
    assertEquals(0, s.foreignPort());
    assertTrue(s.holdsPort());
  }

  @Test
  void anEstablishedConnectionHoldsNoPort() {
    InetSocket s = decode("tcp4-established-51234.hex");
    assertEquals(new Endpoint(Protocol.TCP, "192.168.1.20", 51234), s.endpoint());
    assertEquals(443, s.foreignPort());
    assertFalse(s.listening());
    assertFalse(s.holdsPort());
  }

  @Test
  void aV4MappedAddressIsIpv4AndOtherKindsAreNoInetSockets() {
    byte[] b = ScriptedLibProc.dump("mac/tcp6-listen-loopback-8080.hex");
    b[SocketFdInfo.INSI_LADDR + 10] = (byte) 0xff;
    b[SocketFdInfo.INSI_LADDR + 11] = (byte) 0xff;
    b[SocketFdInfo.INSI_LADDR + 12] = 127;
    b[SocketFdInfo.INSI_LADDR + 15] = 1;
    assertEquals("127.0.0.1", SocketFdInfo.decode(b).orElseThrow().endpoint().address());
    b[SocketFdInfo.SOI_KIND] = 3; // SOCKINFO_UN
    assertEquals(Optional.empty(), SocketFdInfo.decode(b));
    assertEquals(Optional.empty(), SocketFdInfo.decode(new byte[100]), "a short read");
  }

  @Test
  void socketFdsAreTakenFromTheFdList() {
    byte[] list = {3, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 9, 1, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0};
    assertArrayEquals(new int[] {7, 265}, SocketFdInfo.socketFds(list, 24), "fd 3 is a vnode; only 24 bytes were written");
  }
}
