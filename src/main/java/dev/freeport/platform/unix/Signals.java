package dev.freeport.platform.unix;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator.Action;

/** Signal numbers for each terminator action; they differ between Linux and macOS. */
public record Signals(int kill, int stop, int cont, int usr1, int usr2) {
  /** Linux on x86, ARM and RISC-V. */
  public static final Signals LINUX = new Signals(9, 19, 18, 10, 12);
  /** macOS and the BSDs. */
  public static final Signals BSD = new Signals(9, 17, 19, 30, 31);

  /** The number for an action, the graceful one being {@code graceful}. */
  public int number(Action action, GracefulSignal graceful) {
    return switch (action) {
      case GRACEFUL -> graceful(graceful);
      case FORCE -> kill;
      case FREEZE -> stop;
      case RESUME -> cont;
    };
  }

  /** HUP, INT, QUIT and TERM are the same everywhere; USR1 and USR2 are not. */
  int graceful(GracefulSignal s) {
    return switch (s) {
      case HUP -> 1;
      case INT -> 2;
      case QUIT -> 3;
      case USR1 -> usr1;
      case USR2 -> usr2;
      case TERM -> 15;
      case CLOSE, CTRL_C, CTRL_BREAK -> throw new IllegalArgumentException(s.label() + " is Windows only");
    };
  }
}
