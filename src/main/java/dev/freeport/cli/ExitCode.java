package dev.freeport.cli;

import dev.freeport.core.model.PortOutcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes freeport promises to scripts; listed in --help and the README. */
public enum ExitCode {
  OK(0, "Every requested port is free: freed, or already free."),
  BUSY(1, "A port is still held: the dry run found a holder, a holder survived, or something restarted it; or freeport failed."),
  USAGE(2, "Usage error: bad port, range, duration or option. Nothing was touched."),
  DECLINED(3, "Not confirmed: you answered no, or stdin gave no answer (use --yes). Nothing was touched."),
  PERMISSION(4, "Permission: a holder belongs to another user or cannot be seen; re-run with sudo / as administrator."),
  REFUSED(5, "Refused: a holder is freeport itself, the shell or script that ran it, or a critical system process."),
  INTERRUPTED(130, "Interrupted (Ctrl+C).");

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

  /** The code for one port's outcome. */
  public static ExitCode of(PortOutcome outcome) {
    return switch (outcome) {
      case FREE, FREED -> OK;
      case HELD, STILL_BUSY, RESPAWNED -> BUSY;
      case DECLINED -> DECLINED;
      case DENIED, HIDDEN -> PERMISSION;
      case REFUSED -> REFUSED;
    };
  }

  /** The code of the worst outcome among several ports. */
  public static ExitCode worst(Collection<PortOutcome> outcomes) {
    return outcomes.stream().max(Enum::compareTo).map(ExitCode::of).orElse(OK);
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
