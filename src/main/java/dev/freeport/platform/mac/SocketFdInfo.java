package dev.freeport.platform.mac;

import dev.freeport.core.discovery.Addresses;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads what freeport needs from a {@code struct socket_fdinfo} and a {@code struct proc_fdinfo}
 * list, as {@code proc_pidfdinfo} and {@code proc_pidinfo} fill them.
 *
 * <p>Layout, from xnu's {@code bsd/sys/proc_info.h} (unchanged since macOS 10.7; offsets for LP64,
 * little-endian, which both Intel and Apple silicon Macs are; checked by compiling the header's
 * structs with a C compiler and printing {@code offsetof}, and by the byte dumps in
 * {@code src/test/resources/mac} which a C compiler laid out):
 *
 * <pre>
 * struct socket_fdinfo                         792 bytes
 *   struct proc_fileinfo pfi                     0  (24)
 *   struct socket_info psi                      24  (768)
 *     struct vinfo_stat soi_stat                24  (136)
 *     uint64_t soi_so                          160  opaque socket handle, the same in every process holding it
 *     int soi_type                             176
 *     int soi_protocol                         180  IPPROTO_TCP 6, IPPROTO_UDP 17
 *     int soi_family                           184  AF_INET 2, AF_INET6 30
 *     ... soi_options .. soi_snd
 *     int soi_kind                             256  SOCKINFO_IN 1, SOCKINFO_TCP 2
 *     uint32_t rfu_1                           260
 *     union soi_proto                          264  pri_in (struct in_sockinfo) or pri_tcp, which starts with one
 *       int insi_fport                         264  foreign port, network byte order in the low 16 bits
 *       int insi_lport                         268  local port, likewise
 *       uint64_t insi_gencnt                   272
 *       uint32_t insi_flags, insi_flow         280, 284
 *       uint8_t insi_vflag                     288  INI_IPV4 1, INI_IPV6 2 (both: a dual-stack socket)
 *       uint8_t insi_ip_ttl; uint32_t rfu_1    289, 292
 *       union insi_faddr                       296  16 bytes: in6_addr, or 12 bytes padding + in_addr
 *       union insi_laddr                       312  likewise
 *       insi_v4, insi_v6                       328 .. 344
 *       int tcpsi_state (pri_tcp only)         344  TSI_S_LISTEN 1
 *
 * struct proc_fdinfo                             8 bytes: int32_t proc_fd at 0, uint32_t proc_fdtype at 4
 * </pre>
 */
public final class SocketFdInfo {
  public static final int SIZE = 792;
  public static final int FDINFO_SIZE = 8;
  static final int PROX_FDTYPE_SOCKET = 2;

  static final int SOI_SO = 160;
  static final int SOI_PROTOCOL = 180;
  static final int SOI_FAMILY = 184;
  static final int SOI_KIND = 256;
  static final int INSI_FPORT = 264;
  static final int INSI_LPORT = 268;
  static final int INSI_VFLAG = 288;
  static final int INSI_LADDR = 312;
  static final int TCPSI_STATE = 344;

  static final int SOCKINFO_IN = 1;
  static final int SOCKINFO_TCP = 2;
  static final int IPPROTO_UDP = 17;
  static final int AF_INET6 = 30;
  static final int INI_IPV4 = 1;
  static final int INI_IPV6 = 2;
  static final int TSI_S_LISTEN = 1;

  private SocketFdInfo() {}

  /**
   * One TCP or UDP socket.
   *
   * @param handle the kernel's opaque socket handle ({@code soi_so}); 0 when not given
   * @param endpoint its local address and port
   * @param foreignPort the peer's port, 0 when not connected
   * @param listening for TCP, in state LISTEN
   */
  public record InetSocket(long handle, Endpoint endpoint, int foreignPort, boolean listening) {
    /** A TCP listener, or a UDP socket bound but not connected: what holds a port. */
    public boolean holdsPort() {
      return endpoint.protocol() == Protocol.TCP ? listening : foreignPort == 0;
    }
  }

  /** The TCP or UDP socket described, if it is one (not a Unix, raw or kernel socket). */
  public static Optional<InetSocket> decode(byte[] info) {
    if (info.length < SIZE) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
    int kind = b.getInt(SOI_KIND);
    Protocol protocol;
    if (kind == SOCKINFO_TCP) {
      protocol = Protocol.TCP;
    } else if (kind == SOCKINFO_IN && b.getInt(SOI_PROTOCOL) == IPPROTO_UDP) {
      protocol = Protocol.UDP;
    } else {
      return Optional.empty();
    }
    int port = networkPort(info, INSI_LPORT);
    if (port == 0) {
      return Optional.empty();
    }
    int vflag = info[INSI_VFLAG] & 0xff;
    boolean v6 = (vflag & INI_IPV6) != 0 || (vflag & INI_IPV4) == 0 && b.getInt(SOI_FAMILY) == AF_INET6;
    byte[] address = v6
        ? Arrays.copyOfRange(info, INSI_LADDR, INSI_LADDR + 16)
        : Arrays.copyOfRange(info, INSI_LADDR + 12, INSI_LADDR + 16);
    return Optional.of(new InetSocket(
        b.getLong(SOI_SO),
        new Endpoint(protocol, Addresses.format(address), port),
        networkPort(info, INSI_FPORT),
        protocol == Protocol.TCP && b.getInt(TCPSI_STATE) == TSI_S_LISTEN));
  }

  /** The socket fds in {@code bytes} bytes of a {@code proc_fdinfo} array. */
  public static int[] socketFds(byte[] list, int bytes) {
    ByteBuffer b = ByteBuffer.wrap(list, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = bytes / FDINFO_SIZE;
    int[] out = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (b.getInt(i * FDINFO_SIZE + 4) == PROX_FDTYPE_SOCKET) {
        out[count++] = b.getInt(i * FDINFO_SIZE);
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** The kernel copies a u_short in network order into an int: its first two bytes, big-endian. */
  private static int networkPort(byte[] info, int offset) {
    return ((info[offset] & 0xff) << 8) | (info[offset + 1] & 0xff);
  }
}
