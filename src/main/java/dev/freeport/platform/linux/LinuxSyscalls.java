package dev.freeport.platform.linux;

/**
 * The few Linux system calls the search for bound sockets needs, each returning its result or a
 * negative errno (never throwing), so the search is tested against scripted answers. The real
 * ones go through JNA ({@code platform.linux.jna.JnaSyscalls}), loaded only when a bind has failed.
 */
public interface LinuxSyscalls {
  int EPERM = 1;
  int ESRCH = 3;
  int EBADF = 9;
  int EAGAIN = 11;
  int EACCES = 13;
  int ENOSYS = 38;

  int AF_INET = 2;
  int AF_INET6 = 10;
  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int NETLINK_SOCK_DIAG = 4;
  int IPPROTO_TCP = 6;

  /** socket(2), close-on-exec: a descriptor or -errno. */
  int socket(int domain, int type, int protocol);

  /** send(2) of the first {@code length} bytes: the count sent or -errno. */
  int send(int fd, byte[] buffer, int length);

  /**
   * recv(2) once the descriptor is readable, waiting at most {@code timeoutMillis}: the count
   * received, or -errno ({@code -EAGAIN} when nothing came in time).
   */
  int receive(int fd, byte[] buffer, int timeoutMillis);

  /** close(2): 0 or -errno. */
  int close(int fd);

  /** pidfd_open(2) (Linux 5.3+): a descriptor for the process or -errno. */
  int pidfdOpen(long pid);

  /**
   * pidfd_getfd(2) (Linux 5.6+): a copy, in this process, of the process's descriptor
   * {@code targetFd}, or -errno ({@code -EPERM} without ptrace rights over it).
   */
  int pidfdGetfd(int pidfd, int targetFd);

  /** getsockname(2) into {@code address} (a sockaddr): its length or -errno. */
  int localAddress(int fd, byte[] address);

  /** The socket's protocol (getsockopt SO_PROTOCOL), or -errno. */
  int protocol(int fd);

  /**
   * The inode of the network namespace the socket belongs to (ioctl SIOCGSKNS, Linux 4.9+), or
   * -errno.
   */
  long networkNamespace(int fd);
}
