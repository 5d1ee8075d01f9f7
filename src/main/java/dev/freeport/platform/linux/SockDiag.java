package dev.freeport.platform.linux;

import dev.freeport.core.discovery.Addresses;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The netlink messages of a sock_diag dump of TCP sockets (linux/inet_diag.h, linux/netlink.h):
 * the request, and the parsing of the answer. Host byte order, except ports and addresses, which
 * are in network order.
 *
 * <p>Bound sockets that do not listen are asked for with state bit 13 ({@code TCP_BOUND_INACTIVE},
 * Linux 6.8+), a state no socket is in: the kernel lists them with {@code idiag_state} 7
 * ({@code TCP_CLOSE}), and asking for state 7 lists none of them. Older kernels accept the request
 * and list nothing, so an empty answer means something only when a canary was in it.
 */
final class SockDiag {
  static final int TCP_BOUND_INACTIVE = 13;
  static final int SOCK_DIAG_BY_FAMILY = 20;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_DUMP = 0x300;
  static final int HEADER = 16;
  /** struct inet_diag_req_v2: family, protocol, ext, pad, states, and a 48-byte inet_diag_sockid. */
  static final int REQUEST = 56;
  /** struct inet_diag_msg up to idiag_inode. */
  static final int MESSAGE = 72;

  /** One bound socket: its local endpoint, the uid that created it, and its inode. */
  record Bound(Endpoint local, int uid, long inode) {}

  /** What one received buffer held: sockets, whether the dump ended, and an error (-errno) if one came. */
  record Batch(List<Bound> sockets, boolean done, int error) {}

  private SockDiag() {}

  /** A dump request for the TCP sockets of one address family in the states of {@code states}. */
  static byte[] request(int family, int states, int sequence) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + REQUEST).order(ByteOrder.nativeOrder());
    b.putInt(HEADER + REQUEST).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
        .putInt(sequence).putInt(0);
    b.put((byte) family).put((byte) LinuxSyscalls.IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(states);
    return b.array(); // the socket id stays zero: a dump ignores it
  }

  /** The bound-but-inactive sockets of one family. */
  static byte[] boundRequest(int family, int sequence) {
    return request(family, 1 << TCP_BOUND_INACTIVE, sequence);
  }

  /**
   * The messages in the first {@code length} bytes of a received buffer. Messages of another
   * sequence number, and messages cut short, are skipped.
   */
  static Batch parse(byte[] data, int length, int sequence) {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
    List<Bound> out = new ArrayList<>();
    int at = 0;
    while (at + HEADER <= length) {
      int size = b.getInt(at);
      int type = b.getShort(at + 4) & 0xffff;
      int seq = b.getInt(at + 8);
      if (size < HEADER || at + size > length) {
        break;
      }
      if (seq == sequence) {
        if (type == NLMSG_DONE) {
          int error = size >= HEADER + 4 ? b.getInt(at + HEADER) : 0;
          return new Batch(out, true, Math.min(error, 0));
        }
        if (type == NLMSG_ERROR) {
          int error = size >= HEADER + 4 ? b.getInt(at + HEADER) : -LinuxSyscalls.EBADF;
          return new Batch(out, true, error == 0 ? -LinuxSyscalls.EBADF : Math.min(error, 0));
        }
        if (type == SOCK_DIAG_BY_FAMILY && size >= HEADER + MESSAGE) {
          Bound s = message(data, at + HEADER);
          if (s != null) {
            out.add(s);
          }
        }
      }
      at += (size + 3) & ~3;
    }
    return new Batch(out, false, 0);
  }

  /** One inet_diag_msg at {@code at}; null for a family other than IPv4 and IPv6. */
  private static Bound message(byte[] data, int at) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    int family = data[at] & 0xff;
    int port = ((data[at + 4] & 0xff) << 8) | (data[at + 5] & 0xff);
    byte[] address;
    if (family == LinuxSyscalls.AF_INET) {
      address = new byte[4];
    } else if (family == LinuxSyscalls.AF_INET6) {
      address = new byte[16];
    } else {
      return null;
    }
    System.arraycopy(data, at + 8, address, 0, address.length);
    int uid = b.getInt(at + 64);
    long inode = Integer.toUnsignedLong(b.getInt(at + 68));
    return new Bound(new Endpoint(Protocol.TCP, Addresses.format(address), port), uid, inode);
  }

  /**
   * The local endpoint in a sockaddr_in or sockaddr_in6 of {@code length} bytes (as getsockname
   * fills it), or null for another family.
   */
  static Endpoint sockaddr(byte[] a, int length) {
    if (length < 2) {
      return null;
    }
    int family = ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).getShort(0) & 0xffff;
    int port = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    byte[] address;
    int from;
    if (family == LinuxSyscalls.AF_INET && length >= 8) {
      address = new byte[4];
      from = 4;
    } else if (family == LinuxSyscalls.AF_INET6 && length >= 24) {
      address = new byte[16];
      from = 8;
    } else {
      return null;
    }
    System.arraycopy(a, from, address, 0, address.length);
    return new Endpoint(Protocol.TCP, Addresses.format(address), port);
  }
}
