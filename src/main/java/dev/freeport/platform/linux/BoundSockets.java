package dev.freeport.platform.linux;

import dev.freeport.core.engine.Deadlines;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds TCP sockets bound to a port that do not listen, which /proc/net/tcp does not list (they
 * are in no table it walks), so ss, lsof and fuser do not show them either.
 *
 * <p>First through netlink sock_diag, asking for {@code TCP_BOUND_INACTIVE} sockets (Linux 6.8+):
 * one request per address family lists every such socket of this network namespace with its
 * inode, whoever owns it, without any privilege. Older kernels answer the same request with an
 * empty list, so the answer is trusted only when freeport's own canary (a socket bound to port 0
 * of the loopback, not listening) is in it.
 *
 * <p>Otherwise, from each process's socket descriptors whose inodes are in none of the socket
 * tables: each is copied into this process with pidfd_getfd (Linux 5.6+, with ptrace rights over
 * its process) and asked for its address with getsockname. This reaches only the processes
 * freeport may trace, so those it may not are reported as not searched.
 *
 * <p>Every wait is bounded: one dump gets {@link Deadlines#NETLINK_DUMP} in all.
 */
final class BoundSockets {
  private static final int BUFFER = 32 * 1024;

  /** How a search was made. */
  enum Method {
    /** sock_diag, trusted through the canary: every bound socket of the namespace. */
    SOCK_DIAG,
    /** Descriptors copied with pidfd_getfd: the bound sockets of the processes it could copy from. */
    DESCRIPTORS,
    /** Not searched at all; {@link Search#why()} says why. */
    NONE
  }

  /**
   * What one search found and covered.
   *
   * @param ports the ports searched
   * @param sockets the bound sockets found on them
   * @param why why sock_diag was not used, or null when it was
   * @param processes how many processes' descriptors were searched ({@link Method#DESCRIPTORS})
   * @param notSearched the processes whose descriptors could not be searched ({@link Method#DESCRIPTORS})
   */
  record Search(PortSet ports, Method method, List<SockDiag.Bound> sockets, String why, int processes,
      List<Long> notSearched) {
    Search {
      sockets = List.copyOf(sockets);
      notSearched = List.copyOf(notSearched);
    }

    static Search none(PortSet ports, String why) {
      return new Search(ports, Method.NONE, List.of(), why, 0, List.of());
    }
  }

  /** Freeport's own TCP socket bound to port 0 of a loopback address, not listening. */
  interface Canary extends AutoCloseable {
    int port();

    @Override
    void close();
  }

  /** Opens a {@link Canary}. */
  interface Canaries {
    Canary open() throws IOException;
  }

  /** The socket descriptors of every other process, and what the tables and namespaces say. */
  interface Descriptors {
    /** One reading of every other process's descriptors. */
    Listing list();

    /** The inodes of every socket in this namespace's tcp, tcp6, udp, udp6 and unix tables. */
    Set<Long> tabled();

    /** The inode of this process's network namespace, or -1 when unknown. */
    long ownNetworkNamespace();

    /** The inode of a process's network namespace, or -1 when unknown. */
    long networkNamespaceOf(long pid);
  }

  /**
   * @param sockets {pid, fd, inode} of each socket descriptor, process by process
   * @param processes how many processes' descriptors were read
   * @param unreadable the processes whose descriptors could not be read
   */
  record Listing(List<long[]> sockets, int processes, List<Long> unreadable) {}

  private final LinuxSyscalls sys;
  private final Canaries canaries;
  private final Descriptors descriptors;
  private int sequence;

  BoundSockets(LinuxSyscalls sys, Canaries canaries, Descriptors descriptors) {
    this.sys = sys;
    this.canaries = canaries;
    this.descriptors = descriptors;
  }

  /**
   * The search over /proc, with a JDK socket as canary. Built here, not by the caller, so that
   * verifying the caller's code does not load these classes before a bind has failed.
   *
   * @param self this process's pid, whose own descriptors are not searched
   */
  static BoundSockets onProc(LinuxSyscalls sys, ProcFiles proc, long self) {
    ProcDescriptors d = new ProcDescriptors(proc, self);
    return new BoundSockets(sys, d, d);
  }

  /** The bound, not listening TCP sockets on these ports. */
  Search search(PortSet ports) {
    List<SockDiag.Bound> all = new ArrayList<>();
    String why = sockDiag(all);
    if (why == null) {
      return new Search(ports, Method.SOCK_DIAG, onPorts(all, ports), null, 0, List.of());
    }
    return descriptors(ports, why, onPorts(all, ports));
  }

  private static List<SockDiag.Bound> onPorts(List<SockDiag.Bound> all, PortSet ports) {
    List<SockDiag.Bound> out = new ArrayList<>();
    for (SockDiag.Bound b : all) {
      if (ports.matches(b.local().port())) {
        out.add(b);
      }
    }
    return out;
  }

  /** Dumps both families into {@code out}: null when the answer can be trusted, else why not. */
  private String sockDiag(List<SockDiag.Bound> out) {
    Canary canary;
    try {
      canary = canaries.open();
    } catch (IOException | RuntimeException e) {
      return "freeport could not bind its own socket to check sock_diag's answer";
    }
    try {
      for (int family : new int[] {LinuxSyscalls.AF_INET, LinuxSyscalls.AF_INET6}) {
        int error = dump(family, out);
        if (error < 0) {
          return "sock_diag failed (errno " + -error + ")";
        }
      }
      for (SockDiag.Bound b : out) {
        if (b.local().port() == canary.port()) {
          return null;
        }
      }
      return "this kernel's sock_diag does not list bound sockets (Linux 6.8 and later do)";
    } finally {
      canary.close();
    }
  }

  /** One family's bound sockets into {@code out}: 0, or -errno. */
  private int dump(int family, List<SockDiag.Bound> out) {
    int fd = sys.socket(LinuxSyscalls.AF_NETLINK, LinuxSyscalls.SOCK_RAW, LinuxSyscalls.NETLINK_SOCK_DIAG);
    if (fd < 0) {
      return fd;
    }
    try {
      int seq = ++sequence;
      byte[] request = SockDiag.boundRequest(family, seq);
      int sent = sys.send(fd, request, request.length);
      if (sent != request.length) {
        return sent < 0 ? sent : -LinuxSyscalls.EAGAIN;
      }
      byte[] buffer = new byte[BUFFER];
      long deadline = System.nanoTime() + Deadlines.NETLINK_DUMP.toNanos();
      while (true) {
        int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
        if (left <= 0) {
          return -LinuxSyscalls.EAGAIN;
        }
        int n = sys.receive(fd, buffer, left);
        if (n <= 0) {
          return n < 0 ? n : -LinuxSyscalls.EAGAIN; // 0: the socket was shut down before the end
        }
        SockDiag.Batch batch = SockDiag.parse(buffer, n, seq);
        out.addAll(batch.sockets());
        if (batch.error() < 0) {
          return batch.error();
        }
        if (batch.done()) {
          return 0;
        }
      }
    } finally {
      sys.close(fd);
    }
  }

  /**
   * The fallback: each socket descriptor of another process whose inode no table lists is copied
   * and asked for its address; a TCP socket of this network namespace on a wanted port is bound
   * and not listening (listeners and connections are in the tables).
   */
  private Search descriptors(PortSet ports, String whyNotDiag, List<SockDiag.Bound> found) {
    Set<Long> tabled = descriptors.tabled();
    Listing listing = descriptors.list();
    long ownNamespace = descriptors.ownNetworkNamespace();
    Set<Long> notSearched = new LinkedHashSet<>(listing.unreadable());
    Set<Long> done = new HashSet<>();
    for (SockDiag.Bound b : found) {
      done.add(b.inode());
    }
    List<SockDiag.Bound> out = new ArrayList<>(found);
    Map<Long, Integer> pidfds = new HashMap<>();
    try {
      for (long[] s : listing.sockets()) {
        long pid = s[0];
        long inode = s[2];
        if (tabled.contains(inode) || done.contains(inode) || notSearched.contains(pid)) {
          continue;
        }
        Integer pidfd = pidfds.get(pid);
        if (pidfd == null) {
          pidfd = sys.pidfdOpen(pid);
          pidfds.put(pid, pidfd);
        }
        int copy = pidfd < 0 ? pidfd : sys.pidfdGetfd(pidfd, (int) s[1]);
        if (copy == -LinuxSyscalls.ENOSYS) {
          return Search.none(ports, whyNotDiag + ", and it cannot copy another process's descriptor"
              + " (pidfd_getfd, Linux 5.6 and later)");
        }
        if (copy == -LinuxSyscalls.ESRCH || copy == -LinuxSyscalls.EBADF) {
          continue; // the process ended, or closed the descriptor, meanwhile
        }
        if (copy < 0) {
          notSearched.add(pid);
          continue;
        }
        try {
          done.add(inode);
          SockDiag.Bound b = bound(copy, pid, inode, ports, ownNamespace);
          if (b != null) {
            out.add(b);
          }
        } finally {
          sys.close(copy);
        }
      }
    } finally {
      for (int pidfd : pidfds.values()) {
        if (pidfd >= 0) {
          sys.close(pidfd);
        }
      }
    }
    List<Long> unsearched = new ArrayList<>(notSearched);
    unsearched.sort(null);
    int unreadableCounted = listing.unreadable().size();
    int searched = listing.processes() - (unsearched.size() - unreadableCounted);
    return new Search(ports, Method.DESCRIPTORS, out, whyNotDiag, Math.max(searched, 0), unsearched);
  }

  /** The copied descriptor as a bound socket on a wanted port of this namespace, or null. */
  private SockDiag.Bound bound(int fd, long pid, long inode, PortSet ports, long ownNamespace) {
    byte[] address = new byte[128];
    int length = sys.localAddress(fd, address);
    Endpoint local = length > 0 ? SockDiag.sockaddr(address, length) : null;
    if (local == null || local.port() == 0 || !ports.matches(local.port())
        || sys.protocol(fd) != LinuxSyscalls.IPPROTO_TCP) {
      return null;
    }
    long namespace = sys.networkNamespace(fd);
    if (namespace < 0) {
      namespace = descriptors.networkNamespaceOf(pid); // SIOCGSKNS needs CAP_NET_ADMIN: the process's
    }
    if (ownNamespace < 0 || namespace != ownNamespace) {
      return null; // another namespace's port, or one freeport cannot place: it does not block this bind
    }
    return new SockDiag.Bound(local, -1, inode);
  }
}
