package dev.freeport.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process state as the kernel reports it. */
final class Procs {
  private Procs() {}

  /**
   * True while the process runs. A zombie (exited, waiting for its parent to reap it) has
   * stopped running and holds no sockets, although {@link ProcessHandle#isAlive()} still says
   * true for it.
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}
