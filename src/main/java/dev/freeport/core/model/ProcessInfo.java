package dev.freeport.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known about one process. Text fields come from the process itself and are untrusted:
 * sanitise them before they reach a terminal.
 *
 * @param ref pid and start time
 * @param parentPid the parent's pid, or 0 when it has none or it is unknown
 * @param name the executable's name (falls back to the kernel's short name)
 * @param command the full command line, arguments separated by spaces; empty when unreadable
 * @param user the owning user's name, when it can be resolved
 * @param started when the process started, when known
 * @param memoryBytes resident memory in bytes, when known
 * @param kernelThread true for a kernel thread (never a target)
 */
public record ProcessInfo(
    ProcessRef ref,
    long parentPid,
    String name,
    String command,
    Optional<String> user,
    Optional<Instant> started,
    OptionalLong memoryBytes,
    boolean kernelThread) {

  public long pid() {
    return ref.pid();
  }

  /**
   * A process name or path the way names are compared with known ones: the file name without a
   * folder, lower case, without Windows' {@code .exe} ({@code C:\\x\\SvcHost.EXE} is {@code svchost}).
   */
  public static String plainName(String nameOrPath) {
    String n = nameOrPath.substring(Math.max(nameOrPath.lastIndexOf('/'), nameOrPath.lastIndexOf('\\')) + 1)
        .toLowerCase(Locale.ROOT);
    return n.endsWith(".exe") ? n.substring(0, n.length() - 4) : n;
  }
}
