package dev.freeport.platform.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux's system calls as a script: the answers each netlink dump receives, and for each
 * (pid, descriptor) of other processes the socket it is. It records what was asked and which
 * descriptors are still open, so a test sees that every one was closed.
 */
final class ScriptedSyscalls implements LinuxSyscalls {
  /** A socket another process holds, as pidfd_getfd would copy it. */
  record Socket(byte[] sockaddr, int protocol, long namespace) {}

  /** Per family: the buffers each recv returns, in order; the sequence number is patched in. */
  final Map<Integer, Deque<byte[]>> answers = new HashMap<>();
  /** pidfd_getfd errors by pid (e.g. -EPERM); pidfd_open errors the same way. */
  final Map<Long, Integer> getfdError = new HashMap<>();
  final Map<Long, Integer> openError = new HashMap<>();
  final Map<List<Long>, Socket> sockets = new HashMap<>();
  final Set<Integer> open = new HashSet<>();
  final List<String> calls = new ArrayList<>();
  int socketError;

  private final Map<Integer, Integer> familyOf = new HashMap<>();
  private final Map<Integer, Integer> sequenceOf = new HashMap<>();
  private final Map<Integer, Long> pidOf = new HashMap<>();
  private final Map<Integer, Socket> copies = new HashMap<>();
  private int next = 100;

  private int fd() {
    int fd = next++;
    open.add(fd);
    return fd;
  }

  @Override
  public int socket(int domain, int type, int protocol) {
    calls.add("socket");
    return socketError != 0 ? socketError : fd();
  }

  @Override
  public int send(int fd, byte[] buffer, int length) {
    ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
    familyOf.put(fd, buffer[16] & 0xff);
    sequenceOf.put(fd, b.getInt(8));
    calls.add("send " + (buffer[16] & 0xff) + " states " + b.getInt(20));
    return length;
  }

  @Override
  public int receive(int fd, byte[] buffer, int timeoutMillis) {
    Deque<byte[]> queue = answers.get(familyOf.get(fd));
    if (queue == null || queue.isEmpty()) {
      return -EAGAIN; // as poll's time-out
    }
    byte[] a = queue.poll();
    System.arraycopy(a, 0, buffer, 0, a.length);
    ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
    for (int at = 0; at + 16 <= a.length; at += (b.getInt(at) + 3) & ~3) {
      b.putInt(at + 8, sequenceOf.get(fd));
    }
    return a.length;
  }

  @Override
  public int close(int fd) {
    return open.remove(fd) ? 0 : -EBADF;
  }

  @Override
  public int pidfdOpen(long pid) {
    calls.add("pidfd_open " + pid);
    Integer e = openError.get(pid);
    if (e != null) {
      return e;
    }
    int fd = fd();
    pidOf.put(fd, pid);
    return fd;
  }

  @Override
  public int pidfdGetfd(int pidfd, int targetFd) {
    long pid = pidOf.get(pidfd);
    calls.add("pidfd_getfd " + pid + " " + targetFd);
    Integer e = getfdError.get(pid);
    if (e != null) {
      return e;
    }
    Socket s = sockets.get(List.of(pid, (long) targetFd));
    if (s == null) {
      return -EBADF;
    }
    int fd = fd();
    copies.put(fd, s);
    return fd;
  }

  @Override
  public int localAddress(int fd, byte[] address) {
    byte[] a = copies.get(fd).sockaddr();
    System.arraycopy(a, 0, address, 0, a.length);
    return a.length;
  }

  @Override
  public int protocol(int fd) {
    return copies.get(fd).protocol();
  }

  @Override
  public long networkNamespace(int fd) {
    return copies.get(fd).namespace();
  }

  /** One netlink message of a dump: an inet_diag_msg for a bound socket. */
  static byte[] message(int family, byte[] address, int port, int uid, long inode) {
    ByteBuffer b = ByteBuffer.allocate(16 + 72).order(ByteOrder.nativeOrder());
    b.putInt(88).putShort((short) 20).putShort((short) 2).putInt(0).putInt(0);
    b.put((byte) family).put((byte) 7).put((byte) 0).put((byte) 0);
    b.put((byte) (port >> 8)).put((byte) port).putShort((short) 0);
    b.put(address);
    b.position(16 + 64);
    b.putInt(uid).putInt((int) inode);
    return b.array();
  }

  static byte[] done() {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(0).putInt(0).putInt(0);
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  static byte[] sockaddrIn(int port, int... address) {
    byte[] a = new byte[16];
    ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort((short) AF_INET);
    a[2] = (byte) (port >> 8);
    a[3] = (byte) port;
    for (int i = 0; i < 4; i++) {
      a[4 + i] = (byte) address[i];
    }
    return a;
  }
}
