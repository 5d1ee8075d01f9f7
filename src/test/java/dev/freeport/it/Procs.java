package dev.freeport.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process state as the kernel reports it. */
final class Procs {
  private Procs() {}

  /** The state letter of /proc/PID/stat (R, S, T, Z...), or 'X' when there is no such process. */
  static char state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException gone) {
      return 'X';
    }
  }

  /**
   * True while the process runs. A zombie (exited, waiting for its parent to reap it) has
   * stopped running and holds no sockets, although {@link ProcessHandle#isAlive()} still says
   * true for it.
   */
  static boolean running(long pid) {
    char s = state(pid);
    return s != 'X' && s != 'Z';
  }

  /** {@link #running(long)} for a handle, which also rules out a reused pid. */
  static boolean running(ProcessHandle h) {
    return h.isAlive() && running(h.pid());
  }

  /** The pids among {@code pids} whose state is {@code state} (e.g. 'T', stopped). */
  static java.util.List<Long> inState(java.util.List<Long> pids, char state) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (long pid : pids) {
      if (state(pid) == state) {
        out.add(pid);
      }
    }
    return out;
  }

  /** Polls every 5 ms until {@code condition} holds or {@code timeout} passes; true when it held. */
  static boolean await(java.util.function.BooleanSupplier condition, java.time.Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
