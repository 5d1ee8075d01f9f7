package dev.freeport.platform.linux;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Listening sockets from /proc/net, and every holder of each from /proc/PID/fd. Unlike a table
 * that maps each socket to one PID, this finds all processes sharing a socket (pre-fork servers,
 * inherited sockets). Sockets whose holders cannot be read (another user's process while not
 * root, another PID namespace) come back with no holders.
 */
public final class LinuxSocketTable implements SocketTable {
  private static final String SOCKET_PREFIX = "socket:[";
  private static final int PARALLEL_FROM = 256;
  private final ProcFiles proc;

  public LinuxSocketTable(Path procRoot) {
    this.proc = new ProcFiles(procRoot);
  }

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    List<ProcNet.Entry> wanted = new ArrayList<>();
    for (Protocol p : protocols) {
      for (ProcNet.Entry e : entries(p, ports::matches)) {
        if (ProcNet.holdsPort(e) && e.inode() != 0) {
          wanted.add(e);
        }
      }
    }
    Map<Long, List<Long>> holders = wanted.isEmpty() ? Map.of() : holders(wanted);
    List<ListeningSocket> out = new ArrayList<>(wanted.size());
    for (ProcNet.Entry e : wanted) {
      out.add(new ListeningSocket(e.local(), holders.getOrDefault(e.inode(), List.of())));
    }
    return out;
  }

  @Override
  public int timeWait(int port) {
    return (int) entries(Protocol.TCP, p -> p == port).stream()
        .filter(e -> e.state() == ProcNet.TCP_TIME_WAIT)
        .count();
  }

  private List<ProcNet.Entry> entries(Protocol p, IntPredicate ports) {
    String name = p.label();
    List<ProcNet.Entry> out = new ArrayList<>();
    proc.read("net", name).ifPresent(t -> out.addAll(ProcNet.parse(t, p, ports)));
    proc.read("net", name + "6").ifPresent(t -> out.addAll(ProcNet.parse(t, p, ports)));
    return out;
  }

  /**
   * Maps each wanted socket inode to all pids holding it, by reading every process's fds. The
   * processes are read in parallel (one readlink per descriptor is the whole cost); the result
   * keeps the order of the process list.
   */
  private Map<Long, List<Long>> holders(List<ProcNet.Entry> wanted) {
    Map<Long, List<Long>> byInode = new HashMap<>();
    for (ProcNet.Entry e : wanted) {
      byInode.put(e.inode(), new ArrayList<>(1));
    }
    List<Long> pids = proc.pids();
    // Below a few hundred processes the fork/join start-up costs more than the second core saves.
    var stream = pids.size() >= PARALLEL_FROM ? pids.parallelStream() : pids.stream();
    List<long[]> hits = stream.flatMap(pid -> socketsOf(pid, byInode.keySet()).stream()).toList();
    for (long[] hit : hits) {
      List<Long> list = byInode.get(hit[0]);
      if (!list.contains(hit[1])) {
        list.add(hit[1]);
      }
    }
    return byInode;
  }

  /** (inode, pid) for each wanted socket among the process's descriptors. */
  private List<long[]> socketsOf(long pid, Set<Long> inodes) {
    String dir = proc.root() + "/" + pid + "/fd/";
    String[] fds = new File(dir).list(); // null: another user's process, or gone
    if (fds == null) {
      return List.of();
    }
    List<long[]> out = new ArrayList<>(0);
    for (String fd : fds) {
      long inode = socketInode(Path.of(dir + fd));
      if (inode >= 0 && inodes.contains(inode)) {
        out.add(new long[] {inode, pid});
      }
    }
    return out;
  }

  private static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith(SOCKET_PREFIX) && target.endsWith("]")) {
        return Long.parseLong(target, SOCKET_PREFIX.length(), target.length() - 1, 10);
      }
    } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
      // closed meanwhile, or not a socket
    }
    return -1;
  }
}
