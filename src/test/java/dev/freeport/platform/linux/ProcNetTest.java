package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of /proc/net tables captured from Linux 6.x. */
class ProcNetTest {
  static final String TCP = """
        sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 620 1 0000000000000000 100 0 0 10 0
         1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 12345 1 0000000000000000 20 4 30 10 -1
         2: 0100007F:1F91 0100007F:D2F1 06 00000000:00000000 03:00001234 00000000     0        0 0 3 0000000000000000
         3: 0100007F:7531 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 100 0 0 10 0
         4: garbage
      """;
  static final String TCP6 = """
        sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
         1: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0
         2: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
         3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4545 1 0000000000000000 100 0 0 10 0
      """;
  static final String UDP = """
         sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
        10: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   102        0 1234 2 0000000000000000 0
        11: 0100007F:9C40 0100007F:0035 01 00000000:00000000 00:00000000 00000000  1000        0 1235 2 0000000000000000 0
      """;

  @Test
  void ipv4Lines() {
    List<ProcNet.Entry> e = ProcNet.parse(TCP, Protocol.TCP);
    assertEquals(4, e.size(), "header and garbage lines are skipped");
    assertEquals("0.0.0.0", e.get(0).local().address());
    assertEquals(2024, e.get(0).local().port());
    assertEquals(620, e.get(0).inode());
    assertEquals("127.0.0.1", e.get(1).local().address());
    assertEquals(8080, e.get(1).local().port());
    assertEquals(0xD2F0, e.get(1).remotePort());
  }

  @Test
  void onlyListenersHoldATcpPort() {
    List<ProcNet.Entry> e = ProcNet.parse(TCP, Protocol.TCP);
    assertTrue(ProcNet.holdsPort(e.get(0)));
    assertFalse(ProcNet.holdsPort(e.get(1)), "an established connection");
    assertFalse(ProcNet.holdsPort(e.get(2)), "TIME_WAIT");
    assertEquals(ProcNet.TCP_TIME_WAIT, e.get(2).state());
  }

  @Test
  void ipv6AddressesAreCompressed() {
    List<ProcNet.Entry> e = ProcNet.parse(TCP6, Protocol.TCP);
    assertEquals("::1", e.get(0).local().address());
    assertEquals(8080, e.get(0).local().port());
    assertEquals("::", e.get(1).local().address());
    assertEquals("127.0.0.1", e.get(2).local().address(), "IPv4-mapped is IPv4");
    assertEquals(4, e.get(2).local().ipVersion());
    assertEquals("2001:db8::1", e.get(3).local().address());
    assertEquals(6, e.get(0).local().ipVersion());
  }

  @Test
  void udpHoldersAreTheUnconnectedSockets() {
    List<ProcNet.Entry> e = ProcNet.parse(UDP, Protocol.UDP);
    assertEquals(5353, e.get(0).local().port());
    assertTrue(ProcNet.holdsPort(e.get(0)), "bound UDP shows state 07 (CLOSE) but holds the port");
    assertFalse(ProcNet.holdsPort(e.get(1)), "a connected UDP socket talking to port 53");
  }
}
