package dev.freeport.platform.linux.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.freeport.platform.linux.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link LinuxSyscalls} through JNA, loaded only once a bind has failed. libc is loaded by its file
 * name, {@code libc.so.6}, so JNA opens it without searching its paths for "c"; JNA 5.19's
 * {@code NativeLibrary} still runs {@code /sbin/ldconfig -p} once, in its static initializer on
 * Linux, whatever the name (checked with strace), so the first use of JNA costs that fork.
 * pidfd_open and pidfd_getfd go through syscall(2) (their glibc wrappers are only in
 * 2.36 and later); their numbers, 434 and 438, are the same on every architecture but alpha.
 * Every call returns -errno instead of throwing.
 */
public final class JnaSyscalls implements LinuxSyscalls {
  private static final long SYS_PIDFD_OPEN = 434;
  private static final long SYS_PIDFD_GETFD = 438;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int POLLIN = 0x1;
  private static final int SOL_SOCKET = 1;
  private static final int SO_PROTOCOL = 38;
  private static final int SIOCGSKNS = 0x894C;

  /** The libc functions, declared with Java arrays (JNA copies them in and out). */
  interface CLib extends Library {
    int socket(int domain, int type, int protocol);

    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

    NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

    int poll(byte[] fds, NativeLong count, int timeoutMillis);

    int close(int fd);

    NativeLong syscall(NativeLong number, NativeLong a, NativeLong b, NativeLong c);

    int getsockname(int fd, byte[] address, int[] length);

    int getsockopt(int fd, int level, int name, int[] value, int[] length);

    int ioctl(int fd, NativeLong request, NativeLong argument);
  }

  private final CLib c;

  private JnaSyscalls(CLib c) {
    this.c = c;
  }

  /**
   * Loads libc through JNA.
   *
   * @throws LinkageError when JNA or libc cannot be loaded (no writable, executable temp folder
   *     for JNA's native part, a C library other than glibc)
   */
  public static LinuxSyscalls load() {
    return new JnaSyscalls(Native.load("libc.so.6", CLib.class));
  }

  private static int result(int r) {
    return r >= 0 ? r : -Native.getLastError();
  }

  @Override
  public int socket(int domain, int type, int protocol) {
    return result(c.socket(domain, type | SOCK_CLOEXEC, protocol));
  }

  @Override
  public int send(int fd, byte[] buffer, int length) {
    return result(c.send(fd, buffer, new NativeLong(length), 0).intValue());
  }

  @Override
  public int receive(int fd, byte[] buffer, int timeoutMillis) {
    byte[] pollfd = new byte[8]; // struct pollfd { int fd; short events; short revents; }
    java.nio.ByteBuffer.wrap(pollfd).order(java.nio.ByteOrder.nativeOrder()).putInt(fd).putShort((short) POLLIN);
    int ready = c.poll(pollfd, new NativeLong(1), timeoutMillis);
    if (ready <= 0) {
      return ready == 0 ? -EAGAIN : -Native.getLastError();
    }
    return result(c.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).intValue());
  }

  @Override
  public int close(int fd) {
    return result(c.close(fd));
  }

  @Override
  public int pidfdOpen(long pid) {
    return result(c.syscall(new NativeLong(SYS_PIDFD_OPEN), new NativeLong(pid), new NativeLong(0), new NativeLong(0))
        .intValue());
  }

  @Override
  public int pidfdGetfd(int pidfd, int targetFd) {
    return result(c.syscall(new NativeLong(SYS_PIDFD_GETFD), new NativeLong(pidfd), new NativeLong(targetFd),
        new NativeLong(0)).intValue());
  }

  @Override
  public int localAddress(int fd, byte[] address) {
    int[] length = {address.length};
    int r = c.getsockname(fd, address, length);
    return r < 0 ? -Native.getLastError() : Math.min(length[0], address.length);
  }

  @Override
  public int protocol(int fd) {
    int[] value = {0};
    int[] length = {Integer.BYTES};
    int r = c.getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, value, length);
    return r < 0 ? -Native.getLastError() : value[0];
  }

  /** The namespace's descriptor, named "net:[inode]" by /proc/self/fd. */
  @Override
  public long networkNamespace(int fd) {
    int ns = c.ioctl(fd, new NativeLong(SIOCGSKNS), new NativeLong(0));
    if (ns < 0) {
      return -Native.getLastError();
    }
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + ns)).toString();
      int open = link.indexOf('[');
      return link.startsWith("net:") && open > 0 && link.endsWith("]")
          ? Long.parseLong(link, open + 1, link.length() - 1, 10) : -EBADF;
    } catch (IOException | NumberFormatException e) {
      return -EBADF;
    } finally {
      c.close(ns);
    }
  }
}
