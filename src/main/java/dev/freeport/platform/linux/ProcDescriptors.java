package dev.freeport.platform.linux;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link BoundSockets}' view of /proc, and its canary: a plain JDK socket bound but not listening. */
final class ProcDescriptors implements BoundSockets.Descriptors, BoundSockets.Canaries {
  /** The tables a fallback search skips, and the column of each that holds the inode. */
  private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6", "unix"};
  private static final int[] INODE_COLUMN = {9, 9, 9, 9, 6};

  private final ProcFiles proc;
  private final long self;

  ProcDescriptors(ProcFiles proc, long self) {
    this.proc = proc;
    this.self = self;
  }

  @Override
  public BoundSockets.Listing list() {
    List<long[]> out = new ArrayList<>();
    List<Long> unreadable = new ArrayList<>();
    int read = 0;
    for (long pid : proc.pids()) {
      if (pid == self) {
        continue;
      }
      String dir = proc.root() + "/" + pid + "/fd/";
      String[] fds = new File(dir).list();
      if (fds == null) {
        if (Files.exists(Path.of(dir).getParent())) {
          unreadable.add(pid);
        }
        continue;
      }
      read++;
      for (String fd : fds) {
        long inode = ProcFiles.socketInode(Path.of(dir + fd));
        if (inode >= 0) {
          try {
            out.add(new long[] {pid, Integer.parseInt(fd), inode});
          } catch (NumberFormatException notAnFd) {
            // not a descriptor number
          }
        }
      }
    }
    return new BoundSockets.Listing(out, read, unreadable);
  }

  @Override
  public Set<Long> tabled() {
    Set<Long> out = new HashSet<>();
    for (int t = 0; t < TABLES.length; t++) {
      Optional<String> text = proc.read("net", TABLES[t]);
      if (text.isPresent()) {
        inodes(text.get(), INODE_COLUMN[t], out);
      }
    }
    return out;
  }

  /** The numbers in column {@code column} (from 0) of every line but the header. */
  static void inodes(String table, int column, Set<Long> out) {
    int at = table.indexOf('\n') + 1;
    while (at > 0 && at < table.length()) {
      int end = table.indexOf('\n', at);
      if (end < 0) {
        end = table.length();
      }
      String[] f = ProcFiles.words(table.substring(at, end).trim());
      if (f.length > column) {
        try {
          out.add(Long.parseLong(f[column]));
        } catch (NumberFormatException malformed) {
          // not a line of the table
        }
      }
      at = end + 1;
    }
  }

  @Override
  public long ownNetworkNamespace() {
    return namespace("self");
  }

  @Override
  public long networkNamespaceOf(long pid) {
    return namespace(Long.toString(pid));
  }

  /** The inode in the link /proc/PID/ns/net ("net:[4026531992]"), or -1. */
  private long namespace(String pid) {
    Optional<String> link = proc.link(pid, "ns", "net");
    if (link.isEmpty()) {
      return -1;
    }
    String l = link.get();
    int open = l.indexOf('[');
    try {
      return l.startsWith("net:") && open > 0 && l.endsWith("]") ? Long.parseLong(l, open + 1, l.length() - 1, 10) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public BoundSockets.Canary open() throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return new JdkCanary(s);
  }

  private static final class JdkCanary implements BoundSockets.Canary {
    private final Socket socket;

    JdkCanary(Socket socket) {
      this.socket = socket;
    }

    @Override
    public int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing was sent on it
      }
    }
  }
}
