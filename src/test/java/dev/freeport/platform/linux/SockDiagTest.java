package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sock_diag request and the parsing of answers captured from Linux 6.18 (x86_64, little
 * endian) with a Python script: each line of a .hex file is one recv(2). The captures hold:
 * inet, 127.0.0.1:43093 (inode 143022) and 0.0.0.0:46797; inet6, ::ffff:127.0.0.1:49769 (143023)
 * and ::1:39785 (143024); done-enoent, the answer to a dump of protocol 255.
 */
class SockDiagTest {
  private static List<byte[]> capture(String name) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/linux/" + name + ".hex"))) {
      if (!line.isBlank()) {
        out.add(HexFormat.of().parseHex(line.trim()));
      }
    }
    return out;
  }

  private static List<SockDiag.Bound> all(List<byte[]> recvs, int seq) {
    List<SockDiag.Bound> out = new ArrayList<>();
    for (int i = 0; i < recvs.size(); i++) {
      SockDiag.Batch b = SockDiag.parse(recvs.get(i), recvs.get(i).length, seq);
      out.addAll(b.sockets());
      assertEquals(0, b.error());
      assertEquals(i == recvs.size() - 1, b.done(), "only the last recv ends the dump");
    }
    return out;
  }

  @Test
  void theRequestIsADumpOfTcpInTheBoundInactiveState() {
    byte[] r = SockDiag.boundRequest(LinuxSyscalls.AF_INET6, 7);
    ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(72, r.length, "nlmsghdr (16) + inet_diag_req_v2 (56)");
    assertEquals(72, b.getInt(0), "nlmsg_len");
    assertEquals(20, b.getShort(4), "SOCK_DIAG_BY_FAMILY");
    assertEquals(0x301, b.getShort(6), "NLM_F_REQUEST | NLM_F_DUMP");
    assertEquals(7, b.getInt(8), "sequence");
    assertEquals(10, r[16], "AF_INET6");
    assertEquals(6, r[17], "IPPROTO_TCP");
    assertEquals(1 << 13, b.getInt(20), "TCPF_BOUND_INACTIVE, not TCPF_CLOSE (1 << 7), which lists none of them");
    assertArrayEquals(new byte[48], java.util.Arrays.copyOfRange(r, 24, 72), "the socket id is left empty");
  }

  @Test
  void ipv4AnswerCapturedFromLinux() throws IOException {
    List<SockDiag.Bound> s = all(capture("sockdiag-bound-inet"), 7);
    assertEquals(2, s.size(), s.toString());
    assertTrue(s.contains(new SockDiag.Bound(new Endpoint(Protocol.TCP, "127.0.0.1", 43093), 0, 143022)), s.toString());
    assertEquals(new Endpoint(Protocol.TCP, "0.0.0.0", 46797), s.get(0).local());
  }

  @Test
  void ipv6AnswerCapturedFromLinuxWithAMappedAddressAsIpv4() throws IOException {
    List<SockDiag.Bound> s = all(capture("sockdiag-bound-inet6"), 7);
    assertTrue(s.contains(new SockDiag.Bound(new Endpoint(Protocol.TCP, "127.0.0.1", 49769), 0, 143023)), s.toString());
    assertTrue(s.contains(new SockDiag.Bound(new Endpoint(Protocol.TCP, "::1", 39785), 0, 143024)), s.toString());
  }

  @Test
  void anErrorInTheDoneMessageIsAnError() throws IOException {
    byte[] done = capture("sockdiag-done-enoent").get(0);
    SockDiag.Batch b = SockDiag.parse(done, done.length, 7);
    assertTrue(b.done());
    assertEquals(-2, b.error(), "ENOENT: no such protocol");
  }

  @Test
  void anotherSequenceAndATruncatedMessageAreSkipped() throws IOException {
    byte[] first = capture("sockdiag-bound-inet").get(0);
    assertEquals(List.of(), SockDiag.parse(first, first.length, 8).sockets(), "an answer to another request");
    SockDiag.Batch cut = SockDiag.parse(first, first.length - 10, 7);
    assertEquals(1, cut.sockets().size(), "the whole first message, not the cut second one");
    assertFalse(cut.done());
  }

  @Test
  void netlinkErrorMessage() {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
    b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0).putInt(-22);
    SockDiag.Batch batch = SockDiag.parse(b.array(), 36, 9);
    assertTrue(batch.done());
    assertEquals(-22, batch.error());
  }

  @Test
  void socketAddressesAsGetsocknameFillsThem() {
    byte[] v4 = new byte[16];
    ByteBuffer.wrap(v4).order(ByteOrder.nativeOrder()).putShort((short) 2);
    v4[2] = (byte) 0x1f;
    v4[3] = (byte) 0x90;
    v4[4] = 127;
    v4[7] = 1;
    assertEquals(new Endpoint(Protocol.TCP, "127.0.0.1", 8080), SockDiag.sockaddr(v4, 16));
    byte[] v6 = new byte[28];
    ByteBuffer.wrap(v6).order(ByteOrder.nativeOrder()).putShort((short) 10);
    v6[3] = 80;
    v6[23] = 1;
    assertEquals(new Endpoint(Protocol.TCP, "::1", 80), SockDiag.sockaddr(v6, 28));
    byte[] unix = new byte[110];
    ByteBuffer.wrap(unix).order(ByteOrder.nativeOrder()).putShort((short) 1);
    assertNull(SockDiag.sockaddr(unix, 110));
    assertNull(SockDiag.sockaddr(v4, 1));
  }
}
