package dev.freeport.platform.unix;

import com.sun.jna.LastErrorException;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.unix.jna.LibC;
import java.util.Optional;
import dev.freeport.core.port.ProcessInspector;

/**
 * kill(2) for one exact process. SIGTERM and SIGKILL go through the JDK's
 * {@link ProcessHandle#destroy()} and {@link ProcessHandle#destroyForcibly()}, which compare the
 * process's start time with the handle's natively, right before kill(2); the handle is taken
 * first and the process's identity (pid and start time) checked after, so the handle is exactly
 * the process shown. Every other signal, after the same identity check, (SIGSTOP, SIGCONT, INT, HUP, QUIT, USR1, USR2) goes
 * through libc, bound with JNA on first use: the common stop (TERM, then KILL after the timeout)
 * never loads JNA, which costs tens of milliseconds and a fork of ldconfig. Where libc cannot be
 * bound (JNA cannot unpack its native part: a noexec /tmp without a writable home), those signals
 * answer {@link Delivery#UNSUPPORTED}: the stop then kills without a freeze.
 */
public final class UnixKill implements KillTerminator.Sender {
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;

  private final BackgroundLibC libc;
  private final ProcessInspector processes;

  /** @param processes tells whether the exact process (pid and start time) still runs */
  public UnixKill(BackgroundLibC libc, ProcessInspector processes) {
    this.libc = libc;
    this.processes = processes;
  }

  @Override
  public Delivery send(ProcessRef p, int signal) {
    if (signal != SIGTERM && signal != SIGKILL) {
      Optional<LibC> c = libc.get();
      if (c.isEmpty()) {
        return Delivery.UNSUPPORTED; // no libc (JNA could not be loaded): the kill does not need it
      }
      if (!processes.isRunning(p)) {
        return Delivery.GONE;
      }
      try {
        c.get().kill((int) p.pid(), signal);
        return Delivery.DELIVERED;
      } catch (LastErrorException e) {
        return e.getErrorCode() == LibC.EPERM ? Delivery.DENIED : Delivery.GONE;
      }
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
    // The handle holds the start time of whichever process had the pid when it was taken; the
    // process shown had the pid before and still has it now, so that was the process shown.
    if (handle.isEmpty() || !processes.isRunning(p)) {
      return Delivery.GONE;
    }
    boolean sent = signal == SIGKILL ? handle.get().destroyForcibly() : handle.get().destroy();
    if (sent) {
      return Delivery.DELIVERED;
    }
    return processes.isRunning(p) ? Delivery.DENIED : Delivery.GONE; // the JDK says only that kill(2) failed
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
