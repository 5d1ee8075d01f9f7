package dev.freeport.platform.unix;

import dev.freeport.core.kill.Terminator.Action;

/** Signal numbers for each terminator action; they differ between Linux and macOS. */
public record Signals(int term, int kill, int stop, int cont) {
  /** Linux on x86, ARM and RISC-V. */
  public static final Signals LINUX = new Signals(15, 9, 19, 18);
  /** macOS and the BSDs. */
  public static final Signals BSD = new Signals(15, 9, 17, 19);

  public int number(Action action) {
    return switch (action) {
      case GRACEFUL -> term;
      case FORCE -> kill;
      case FREEZE -> stop;
      case RESUME -> cont;
    };
  }
}
