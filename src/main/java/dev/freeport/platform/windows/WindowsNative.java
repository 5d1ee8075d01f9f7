package dev.freeport.platform.windows;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The Windows calls a stop needs, kept small so the decisions in {@link WindowsTerminator} can be
 * tested on any OS against a scripted implementation.
 */
public interface WindowsNative {

  /** An open process handle; it pins the process, so its PID cannot be reused while held. */
  interface Handle {
    long pid();
  }

  /** The outcome of opening a process. */
  sealed interface Opened {
    record Ok(Handle handle) implements Opened {}

    record NotFound() implements Opened {}

    record AccessDenied() implements Opened {}
  }

  /** Opens the process for terminate, synchronize and limited query. */
  Opened open(long pid);

  /** The process's creation time, epoch milliseconds. */
  long startTime(Handle h);

  /** Its top-level windows (HWNDs), visible or not. */
  List<Long> topLevelWindows(long pid);

  /** PostMessageW(WM_CLOSE); false when it fails (e.g. an elevated target, UIPI). */
  boolean postClose(long hwnd);

  /**
   * Sends Ctrl+C (or Ctrl+Break) to the console the process is attached to, from a short-lived
   * helper process so freeport's own console is untouched; false when the process has no console.
   */
  boolean consoleCtrl(long pid, boolean ctrlBreak);

  /** TerminateProcess; false when not permitted. */
  boolean terminate(Handle h);

  /** Waits until each handle's process has exited or the time is up; returns those still running. */
  Set<Handle> awaitExit(Collection<Handle> handles, long millis);

  void close(Handle h);
}
