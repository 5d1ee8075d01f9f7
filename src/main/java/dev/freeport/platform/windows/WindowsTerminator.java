package dev.freeport.platform.windows;

import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stops Windows processes the way taskkill without and then with /F does, but gracefully for
 * console programs too: WM_CLOSE to the process's top-level windows, or Ctrl+C to its console
 * (which taskkill cannot do), then TerminateProcess through a handle opened once per pid. An
 * open handle keeps its pid from naming another process, so the engine's identity check made
 * after {@link #hold} holds for the delivery. Windows has no freeze; the forced step takes the
 * tree again and kills it.
 */
public final class WindowsTerminator implements Terminator {
  /**
   * Start times from the process list and from the handle may differ by rounding; a PID reused
   * by another process within this span is not distinguished while waiting.
   */
  static final long START_TOLERANCE_MILLIS = 1000;

  private final WindowsNative nt;
  private final GracefulSignal graceful;
  private final Map<Long, WindowsNative.Handle> handles = new HashMap<>();

  /** @param graceful TERM (a window close, else Ctrl+C), INT / CTRL_C, CLOSE or CTRL_BREAK */
  public WindowsTerminator(WindowsNative nt, GracefulSignal graceful) {
    this.nt = nt;
    this.graceful = graceful;
  }

  @Override
  public Held hold(long pid) {
    WindowsNative.Opened opened = opened(pid);
    if (opened instanceof WindowsNative.Opened.Ok ok) {
      return new Taken(pid, ok.handle());
    }
    Delivery failed = opened instanceof WindowsNative.Opened.AccessDenied ? Delivery.DENIED : Delivery.GONE;
    return action -> failed;
  }

  /** A process whose handle is open. */
  private final class Taken implements Held {
    private final long pid;
    private final WindowsNative.Handle h;

    Taken(long pid, WindowsNative.Handle h) {
      this.pid = pid;
      this.h = h;
    }

    @Override
    public Delivery deliver(Action action) {
      return switch (action) {
        case GRACEFUL -> graceful(pid);
        case FORCE -> nt.terminate(h) ? Delivery.DELIVERED
            : nt.awaitExit(List.of(h), 0).isEmpty() ? Delivery.GONE : Delivery.DENIED;
        case FREEZE, RESUME -> Delivery.UNSUPPORTED;
      };
    }
  }

  /**
   * The graceful request this terminator was opened with: WM_CLOSE to the process's windows, or
   * a console control event, or (TERM, the default) WM_CLOSE if it has windows, else Ctrl+C.
   * UNSUPPORTED when the process has no way to receive it, so it is forced at once.
   */
  private Delivery graceful(long pid) {
    return switch (graceful) {
      case CLOSE -> close(nt.topLevelWindows(pid));
      case INT, CTRL_C -> nt.consoleCtrl(pid, false) ? Delivery.DELIVERED : Delivery.UNSUPPORTED;
      case CTRL_BREAK -> nt.consoleCtrl(pid, true) ? Delivery.DELIVERED : Delivery.UNSUPPORTED;
      default -> {
        List<Long> windows = nt.topLevelWindows(pid);
        yield !windows.isEmpty() ? close(windows)
            : nt.consoleCtrl(pid, false) ? Delivery.DELIVERED : Delivery.UNSUPPORTED;
      }
    };
  }

  private Delivery close(List<Long> windows) {
    if (!windows.isEmpty()) {
      boolean posted = false;
      for (long hwnd : windows) {
        posted |= nt.postClose(hwnd);
      }
      return posted ? Delivery.DELIVERED : Delivery.DENIED;
    }
    return Delivery.UNSUPPORTED;
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    Map<WindowsNative.Handle, ProcessRef> waiting = new HashMap<>();
    for (ProcessRef p : processes) {
      if (handle(p) instanceof WindowsNative.Opened.Ok ok) {
        waiting.put(ok.handle(), p);
      }
    }
    Set<ProcessRef> left = new LinkedHashSet<>();
    for (WindowsNative.Handle h : nt.awaitExit(waiting.keySet(), timeout.toMillis())) {
      left.add(waiting.get(h));
    }
    return left;
  }

  /** The handle for exactly this process (its start time checked), for waiting. */
  private WindowsNative.Opened handle(ProcessRef p) {
    WindowsNative.Opened opened = opened(p.pid());
    if (opened instanceof WindowsNative.Opened.Ok ok
        && Math.abs(nt.startTime(ok.handle()) - p.startTime()) > START_TOLERANCE_MILLIS) {
      return new WindowsNative.Opened.NotFound(); // the PID now belongs to another process
    }
    return opened;
  }

  /** The handle of the process that has this pid, opened on first use and kept until close. */
  private WindowsNative.Opened opened(long pid) {
    WindowsNative.Handle held = handles.get(pid);
    if (held != null) {
      return new WindowsNative.Opened.Ok(held);
    }
    WindowsNative.Opened opened = nt.open(pid);
    if (opened instanceof WindowsNative.Opened.Ok ok) {
      handles.put(pid, ok.handle());
    }
    return opened;
  }

  @Override
  public void close() {
    List<WindowsNative.Handle> all = new ArrayList<>(handles.values());
    handles.clear();
    all.forEach(nt::close);
  }
}
