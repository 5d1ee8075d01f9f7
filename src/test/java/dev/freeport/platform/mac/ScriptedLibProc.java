package dev.freeport.platform.mac;

import dev.freeport.platform.Recorded;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mac's libproc, replayed from recorded per-process data (src/test/resources/mac/libproc-walk.txt
 * and the socket_fdinfo dumps beside it), with the C functions' return conventions: byte counts,
 * sizing calls with a null buffer, -errno on failure.
 */
final class ScriptedLibProc implements LibProc {
  static final int VNODE = 1;
  static final int SOCKET = 2;
  static final int PIPE = 6;
  static final int KQUEUE = 5;

  record Fd(int fd, int type, byte[] socket) {}

  /** Per pid: its fds, or null while it is denied or gone. */
  final Map<Integer, List<Fd>> processes = new LinkedHashMap<>();
  final Map<Integer, Integer> errors = new LinkedHashMap<>();
  /** How many more PIDs exist than the sizing call reports (processes started in between). */
  int unreportedPids;
  int pidListReads;

  static ScriptedLibProc recorded(String path) {
    ScriptedLibProc lib = new ScriptedLibProc();
    int pid = -1;
    for (String line : Recorded.text(path).split("\n")) {
      String[] w = line.strip().split(" ");
      if (w[0].isEmpty() || w[0].startsWith("#")) {
        continue;
      }
      switch (w[0]) {
        case "pid" -> {
          pid = Integer.parseInt(w[1]);
          lib.processes.put(pid, new ArrayList<>());
        }
        case "denied" -> lib.errors.put(pid, EPERM);
        case "gone" -> lib.errors.put(pid, ESRCH);
        case "fd" -> lib.processes.get(pid).add(fd(Integer.parseInt(w[1]), w[2], w.length > 3 ? w[3] : ""));
        default -> throw new IllegalArgumentException("unknown line: " + line);
      }
    }
    return lib;
  }

  private static Fd fd(int fd, String type, String data) {
    return switch (type) {
      case "vnode" -> new Fd(fd, VNODE, null);
      case "pipe" -> new Fd(fd, PIPE, null);
      case "kqueue" -> new Fd(fd, KQUEUE, null);
      case "socket" -> new Fd(fd, SOCKET, data.equals("closed") ? null : dump("mac/" + data));
      default -> throw new IllegalArgumentException(type);
    };
  }

  static byte[] dump(String path) {
    StringBuilder hex = new StringBuilder();
    Recorded.text(path).lines().filter(l -> !l.startsWith("#")).forEach(hex::append);
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public int listAllPids(int[] buffer) {
    List<Integer> pids = new ArrayList<>(processes.keySet());
    if (buffer == null) {
      return (pids.size() - unreportedPids) * Integer.BYTES;
    }
    pidListReads++;
    int n = Math.min(buffer.length, pids.size());
    for (int i = 0; i < n; i++) {
      buffer[i] = pids.get(i);
    }
    return n * Integer.BYTES;
  }

  @Override
  public int listFds(int pid, byte[] buffer) {
    if (errors.containsKey(pid) || !processes.containsKey(pid)) {
      return -errors.getOrDefault(pid, ESRCH);
    }
    List<Fd> fds = processes.get(pid);
    if (buffer == null) {
      return fds.size() * SocketFdInfo.FDINFO_SIZE;
    }
    int n = Math.min(buffer.length / SocketFdInfo.FDINFO_SIZE, fds.size());
    for (int i = 0; i < n; i++) {
      putInt(buffer, i * 8, fds.get(i).fd());
      putInt(buffer, i * 8 + 4, fds.get(i).type());
    }
    return n * SocketFdInfo.FDINFO_SIZE;
  }

  @Override
  public int socketInfo(int pid, int fd, byte[] buffer) {
    if (errors.containsKey(pid)) {
      return -errors.get(pid);
    }
    for (Fd f : processes.getOrDefault(pid, List.of())) {
      if (f.fd() == fd && f.type() == SOCKET && f.socket() != null) {
        System.arraycopy(f.socket(), 0, buffer, 0, f.socket().length);
        return f.socket().length;
      }
    }
    return -EBADF;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
    b[at + 3] = (byte) (v >> 24);
  }
}
