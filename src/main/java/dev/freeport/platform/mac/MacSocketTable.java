package dev.freeport.platform.mac;

import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Listening sockets on macOS, walked through libproc the way lsof does: every process, its socket
 * fds, and each socket's addresses. Every buffer is sized from the kernel's own count and grown
 * while it comes back full, so no number of processes or fds is too many (OSHI 7.5.0 stops at
 * 1,024 processes). A socket held by several processes (inherited, pre-fork) is one socket with
 * all of them, grouped by the kernel's socket handle.
 *
 * <p>Without root, other users' processes cannot be read ({@code EPERM}) and their sockets are
 * missing; the host says so ({@code seesAllSockets}) so that a port is still checked by binding.
 * TIME_WAIT connections belong to no process and are not seen.
 */
public final class MacSocketTable implements SocketTable {
  /** Headroom, in entries, for processes or fds that appear between the sizing call and the read. */
  static final int SLACK = 64;
  /** Reads of a list that came back full before taking what it holds. */
  static final int TRIES = 4;

  private final LibProc lib;

  public MacSocketTable(LibProc lib) {
    this.lib = lib;
  }

  /** Without root, macOS lists only this user's own sockets. */
  @Override
  public boolean seesAll() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    Map<Object, Found> sockets = new LinkedHashMap<>();
    byte[] info = new byte[SocketFdInfo.SIZE];
    for (int pid : pids()) {
      for (int fd : socketFds(pid)) {
        if (lib.socketInfo(pid, fd, info) < SocketFdInfo.SIZE) {
          continue; // closed meanwhile, or the process exited
        }
        SocketFdInfo.decode(info)
            .filter(s -> s.holdsPort() && protocols.contains(s.endpoint().protocol()) && ports.matches(s.endpoint().port()))
            .ifPresent(s -> sockets.computeIfAbsent(s.handle() != 0 ? s.handle() : s.endpoint(), k -> new Found(s))
                .holders.add((long) pid));
      }
    }
    List<ListeningSocket> out = new ArrayList<>();
    for (Found f : sockets.values()) {
      out.add(new ListeningSocket(f.socket.endpoint(), List.copyOf(f.holders)));
    }
    return out;
  }

  /** Every PID; empty when the list cannot be read. */
  int[] pids() {
    int bytes = lib.listAllPids(null);
    for (int i = 0; bytes > 0 && i < TRIES; i++) {
      int[] buffer = new int[bytes / Integer.BYTES + SLACK];
      int got = lib.listAllPids(buffer);
      if (got <= 0) {
        return new int[0];
      }
      if (got < buffer.length * Integer.BYTES || i == TRIES - 1) {
        return Arrays.stream(buffer, 0, got / Integer.BYTES).filter(pid -> pid > 0).toArray();
      }
      bytes = buffer.length * Integer.BYTES * 2;
    }
    return new int[0];
  }

  /** The process's socket fds; none when it has exited, cannot be read, or has no fds. */
  int[] socketFds(int pid) {
    int bytes = lib.listFds(pid, null);
    for (int i = 0; bytes > 0 && i < TRIES; i++) {
      byte[] buffer = new byte[bytes + SLACK * SocketFdInfo.FDINFO_SIZE];
      int got = lib.listFds(pid, buffer);
      if (got <= 0) {
        return new int[0];
      }
      if (got < buffer.length || i == TRIES - 1) {
        return SocketFdInfo.socketFds(buffer, got);
      }
      bytes = buffer.length * 2;
    }
    return new int[0];
  }

  private static final class Found {
    final SocketFdInfo.InetSocket socket;
    final Set<Long> holders = new TreeSet<>();

    Found(SocketFdInfo.InetSocket socket) {
      this.socket = socket;
    }
  }
}
