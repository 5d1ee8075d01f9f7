package dev.freeport.platform.linux;

import dev.freeport.core.discovery.SocketTable;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Listening sockets from /proc/net, and every holder of each from /proc/PID/fd. Unlike a table
 * that maps each socket to one PID, this finds all processes sharing a socket (pre-fork servers,
 * inherited sockets). Sockets whose holders cannot be read (another user's process while not
 * root, another PID namespace) come back with no holders.
 */
public final class LinuxSocketTable implements SocketTable {
  private static final String SOCKET_PREFIX = "socket:[";
  private final ProcFiles proc;

  public LinuxSocketTable(Path procRoot) {
    this.proc = new ProcFiles(procRoot);
  }

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    List<ProcNet.Entry> wanted = new ArrayList<>();
    for (Protocol p : protocols) {
      for (ProcNet.Entry e : entries(p)) {
        if (ProcNet.holdsPort(e) && e.inode() != 0 && ports.matches(e.local().port())) {
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
    return (int) entries(Protocol.TCP).stream()
        .filter(e -> e.state() == ProcNet.TCP_TIME_WAIT && e.local().port() == port)
        .count();
  }

  private List<ProcNet.Entry> entries(Protocol p) {
    String name = p.label();
    List<ProcNet.Entry> out = new ArrayList<>();
    proc.read("net", name).ifPresent(t -> out.addAll(ProcNet.parse(t, p)));
    proc.read("net", name + "6").ifPresent(t -> out.addAll(ProcNet.parse(t, p)));
    return out;
  }

  /** Maps each wanted socket inode to all pids holding it, by reading every process's fds. */
  private Map<Long, List<Long>> holders(List<ProcNet.Entry> wanted) {
    Map<Long, List<Long>> byInode = new HashMap<>();
    for (ProcNet.Entry e : wanted) {
      byInode.put(e.inode(), new ArrayList<>(1));
    }
    for (long pid : proc.pids()) {
      Path fdDir = proc.root().resolve(Long.toString(pid)).resolve("fd");
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
        for (Path fd : fds) {
          List<Long> list = byInode.get(socketInode(fd));
          if (list != null && !list.contains(pid)) {
            list.add(pid);
          }
        }
      } catch (IOException | SecurityException unreadable) {
        // another user's process, or gone: its sockets stay without a visible holder
      }
    }
    return byInode;
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
