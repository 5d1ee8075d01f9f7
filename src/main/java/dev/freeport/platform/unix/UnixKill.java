package dev.freeport.platform.unix;

import com.sun.jna.LastErrorException;
import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.platform.unix.jna.LibC;
import dev.freeport.core.engine.Deadlines;
import dev.freeport.core.exec.ProcessCommandRunner;
import java.util.List;
import java.util.Optional;

/**
 * kill(2) for the process that has a pid when it is taken. SIGTERM and SIGKILL go through the
 * JDK's {@link ProcessHandle#destroy()} and {@link ProcessHandle#destroyForcibly()}: the handle,
 * taken first, records the process's start time, and the JDK compares it natively right before
 * kill(2), so the signal reaches the process taken or none. Every other signal (SIGSTOP, SIGCONT,
 * INT, HUP, QUIT, USR1, USR2) goes through libc, bound with JNA on first use, to the pid: the
 * common stop (TERM, then KILL after the timeout) never loads JNA, which costs tens of
 * milliseconds. Where libc cannot be bound (JNA cannot unpack its native part: a noexec /tmp
 * without a writable home), a freeze or resume answers {@link Delivery#UNSUPPORTED} (the stop then
 * kills without a freeze), and a graceful request other than SIGTERM ({@code --signal INT}) goes
 * through the {@code kill} command instead, so the user's choice of signal still holds.
 */
public final class UnixKill implements KillTerminator.Sender {
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;

  private final BackgroundLibC libc;

  public UnixKill(BackgroundLibC libc) {
    this.libc = libc;
  }

  @Override
  public KillTerminator.Target target(long pid) {
    return new Taken(pid, ProcessHandle.of(pid));
  }

  private final class Taken implements KillTerminator.Target {
    private final long pid;
    private final Optional<ProcessHandle> handle;

    Taken(long pid, Optional<ProcessHandle> handle) {
      this.pid = pid;
      this.handle = handle;
    }

    @Override
    public Delivery send(Action action, int signal) {
      if (signal == SIGTERM || signal == SIGKILL) {
        if (handle.isEmpty()) {
          return Delivery.GONE;
        }
        ProcessHandle h = handle.get();
        if (signal == SIGKILL ? h.destroyForcibly() : h.destroy()) {
          return Delivery.DELIVERED;
        }
        return h.isAlive() ? Delivery.DENIED : Delivery.GONE; // the JDK says only that kill(2) failed
      }
      if (handle.isEmpty()) {
        return Delivery.GONE;
      }
      Optional<LibC> c = libc.get();
      if (c.isEmpty()) { // no libc (JNA could not be loaded): the kill does not need it
        return action == Action.FREEZE || action == Action.RESUME ? Delivery.UNSUPPORTED : byCommand(signal);
      }
      try {
        c.get().kill((int) pid, signal);
        return Delivery.DELIVERED;
      } catch (LastErrorException e) {
        return e.getErrorCode() == LibC.EPERM ? Delivery.DENIED : Delivery.GONE;
      }
    }

    /**
     * kill(1), for a graceful signal without libc. Its failure cannot be told apart from a missing
     * command without reading its (translated) message: a process still alive is UNSUPPORTED, so
     * the stop forces it and the forced step says whether it may.
     */
    private Delivery byCommand(int signal) {
      List<String> argv = List.of("kill", "-" + signal, Long.toString(pid));
      if (new ProcessCommandRunner().run(argv, Deadlines.COMMAND).isPresent()) {
        return Delivery.DELIVERED;
      }
      return handle.get().isAlive() ? Delivery.UNSUPPORTED : Delivery.GONE;
    }
  }

  /**
   * Guards a freeze about to begin with a watchdog and a held-back Ctrl+Z; unguarded where libc
   * cannot be bound, as there is then no freeze either.
   */
  @Override
  public FrozenWindow openFrozenWindow() {
    Optional<LibC> c = libc.get();
    return c.isPresent() ? GuardedWindow.open(c.get()) : FrozenWindow.NONE;
  }
}
