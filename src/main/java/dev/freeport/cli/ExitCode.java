package dev.freeport.cli;

import dev.freeport.core.model.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes freeport promises to scripts; listed in --help, the man page and the README. */
public enum ExitCode {
  OK(0, "Every requested port is free: freed, or already free; checked by binding it."),
  BUSY(1, "A port is still held: the dry run found a holder, a holder survived, something restarted it, or nothing visible holds it yet binding fails."),
  USAGE(2, "Usage error: bad port, range, duration or option. Nothing was touched."),
  DECLINED(3, "Not confirmed: you answered no, or stdin gave no answer (use --yes). Nothing was touched."),
  PERMISSION(4, "Permission: a holder belongs to another user or cannot be seen; re-run with sudo / as administrator."),
  REFUSED(5, "Refused: a holder is freeport itself, the shell or script that ran it, a critical system process, or a container's port forwarder."),
  UNVERIFIED(6, "Unverified: nothing visible holds a port, but freeport could not check it by binding it (a port below 1024 without root, a Java runtime without IPv6, no descriptors left); the line on stderr says why. Never taken for free."),
  INTERNAL(70, "freeport itself failed or cannot run here: a bug, an unreadable system table, a /proc of another PID namespace, or output that could not be written; the line on stderr says which, --debug shows more."),
  INTERRUPTED(130, "Interrupted (Ctrl+C, SIGTERM, SIGHUP); one line on stderr says what had been done.");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The code a run's worst port status stands for. */
  public static ExitCode of(Status status) {
    return switch (status) {
      case FREE -> OK;
      case DECLINED -> DECLINED;
      case BUSY -> BUSY;
      case PERMISSION -> PERMISSION;
      case REFUSED -> REFUSED;
      case UNVERIFIED -> UNVERIFIED;
      case INTERRUPTED -> INTERRUPTED;
    };
  }

  /** For picocli's exit code list in --help. */
  public static Map<String, String> helpList() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ExitCode c : values()) {
      m.put(String.format("%3d", c.code), c.meaning);
    }
    return m;
  }
}
