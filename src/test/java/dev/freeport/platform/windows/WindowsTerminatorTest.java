package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** WindowsTerminator's deliveries against a scripted native layer: what it calls, in which order (SignalGate decides whom). */
class WindowsTerminatorTest {

  /** A scripted Windows: processes by pid with a start time, windows, a console, and access. */
  static final class Script implements WindowsNative {
    record H(long pid) implements Handle {}

    final Map<Long, Long> startTimes = new HashMap<>();
    final Map<Long, List<Long>> windows = new HashMap<>();
    final Set<Long> consoles = new HashSet<>();
    final Set<Long> denied = new HashSet<>();
    final Set<Long> uipiBlocked = new HashSet<>();
    final Set<Long> exitOnClose = new HashSet<>();
    final Set<Long> exited = new HashSet<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Opened open(long pid) {
      calls.add("open " + pid);
      if (denied.contains(pid)) {
        return new Opened.AccessDenied();
      }
      return startTimes.containsKey(pid) && !exited.contains(pid) ? new Opened.Ok(new H(pid)) : new Opened.NotFound();
    }

    @Override
    public long startTime(Handle h) {
      return startTimes.get(h.pid());
    }

    @Override
    public List<Long> topLevelWindows(long pid) {
      return windows.getOrDefault(pid, List.of());
    }

    @Override
    public boolean postClose(long hwnd) {
      calls.add("WM_CLOSE " + hwnd);
      long owner = windows.entrySet().stream().filter(e -> e.getValue().contains(hwnd)).findFirst().orElseThrow().getKey();
      if (uipiBlocked.contains(owner)) {
        return false;
      }
      if (exitOnClose.contains(owner)) {
        exited.add(owner);
      }
      return true;
    }

    @Override
    public boolean consoleCtrl(long pid, boolean ctrlBreak) {
      calls.add((ctrlBreak ? "CTRL_BREAK " : "CTRL_C ") + pid);
      if (consoles.contains(pid) && exitOnClose.contains(pid)) {
        exited.add(pid);
      }
      return consoles.contains(pid);
    }

    @Override
    public boolean terminate(Handle h) {
      calls.add("TerminateProcess " + h.pid());
      exited.add(h.pid());
      return true;
    }

    @Override
    public Set<Handle> awaitExit(Collection<Handle> handles, long millis) {
      Set<Handle> left = new LinkedHashSet<>(handles);
      left.removeIf(h -> exited.contains(h.pid()));
      return left;
    }

    @Override
    public void close(Handle h) {
      calls.add("close " + h.pid());
    }
  }

  final Script nt = new Script();
  final WindowsTerminator t = new WindowsTerminator(nt, dev.freeport.core.model.GracefulSignal.TERM);

  @Test
  void aWindowedProcessGetsWmCloseOnEveryTopLevelWindow() {
    nt.startTimes.put(10L, 5000L);
    nt.windows.put(10L, List.of(101L, 102L));
    nt.exitOnClose.add(10L);
    ProcessRef p = new ProcessRef(10, 5000);
    assertEquals(Delivery.DELIVERED, send(t, p, Action.GRACEFUL));
    assertEquals(List.of("open 10", "WM_CLOSE 101", "WM_CLOSE 102"), nt.calls);
    assertTrue(t.awaitExit(List.of(p), Duration.ofSeconds(1)).isEmpty());
  }

  @Test
  void aConsoleProgramGetsCtrlCThroughTheHelper() {
    nt.startTimes.put(20L, 7000L);
    nt.consoles.add(20L);
    assertEquals(Delivery.DELIVERED, send(t, new ProcessRef(20, 7000), Action.GRACEFUL));
    assertEquals(List.of("open 20", "CTRL_C 20"), nt.calls);
  }

  @Test
  void signalCloseOnlyClosesWindowsAndCtrlBreakGoesToTheConsole() {
    nt.startTimes.put(20L, 7000L);
    nt.consoles.add(20L);
    WindowsTerminator close = new WindowsTerminator(nt, dev.freeport.core.model.GracefulSignal.CLOSE);
    assertEquals(Delivery.UNSUPPORTED, send(close, new ProcessRef(20, 7000), Action.GRACEFUL), "no window: forced at once");
    WindowsTerminator brk = new WindowsTerminator(nt, dev.freeport.core.model.GracefulSignal.CTRL_BREAK);
    assertEquals(Delivery.DELIVERED, send(brk, new ProcessRef(20, 7000), Action.GRACEFUL));
    assertEquals(List.of("open 20", "open 20", "CTRL_BREAK 20"), nt.calls);
  }

  @Test
  void withNeitherWindowNorConsoleThereIsNoGracefulWay() {
    nt.startTimes.put(30L, 1L);
    assertEquals(Delivery.UNSUPPORTED, send(t, new ProcessRef(30, 1), Action.GRACEFUL));
  }

  @Test
  void aReusedPidIsNotWaitedFor() {
    nt.startTimes.put(40L, 99_000L); // the PID now belongs to a process started 99 s later
    ProcessRef old = new ProcessRef(40, 1_000);
    assertTrue(t.awaitExit(List.of(old), Duration.ofSeconds(1)).isEmpty(), "the one shown has exited");
  }

  @Test
  void forceTerminatesThroughTheHandleOpenedFirst() {
    nt.startTimes.put(50L, 3000L);
    nt.consoles.add(50L);
    ProcessRef p = new ProcessRef(50, 3000);
    send(t, p, Action.GRACEFUL);
    assertEquals(Delivery.DELIVERED, send(t, p, Action.FORCE));
    assertEquals(1, nt.calls.stream().filter(c -> c.equals("open 50")).count(), "one handle, held: " + nt.calls);
    assertEquals(Delivery.UNSUPPORTED, send(t, p, Action.FREEZE));
    t.close();
    assertTrue(nt.calls.contains("close 50"));
  }

  @Test
  void accessDeniedAndUipi() {
    nt.startTimes.put(60L, 1L);
    nt.denied.add(60L);
    assertEquals(Delivery.DENIED, send(t, new ProcessRef(60, 1), Action.GRACEFUL));
    nt.startTimes.put(61L, 1L);
    nt.windows.put(61L, List.of(611L));
    nt.uipiBlocked.add(61L);
    assertEquals(Delivery.DENIED, send(t, new ProcessRef(61, 1), Action.GRACEFUL), "an elevated window refuses WM_CLOSE");
  }

  /** A holder in an elevated session, seen from a normal prompt: OpenProcess(PROCESS_TERMINATE) is refused. */
  @Test
  void anElevatedHolderIsDeniedAtEveryStepAndNeverTouched() {
    nt.startTimes.put(62L, 1L);
    nt.windows.put(62L, List.of(621L));
    nt.consoles.add(62L);
    nt.denied.add(62L);
    ProcessRef elevated = new ProcessRef(62, 1);
    assertEquals(Delivery.DENIED, send(t, elevated, Action.GRACEFUL));
    assertEquals(Delivery.DENIED, send(t, elevated, Action.FORCE));
    assertEquals(List.of("open 62", "open 62"), nt.calls, "no WM_CLOSE, Ctrl+C or TerminateProcess");
  }

  @Test
  void startTimesWithinRoundingAreTheSameProcess() {
    nt.startTimes.put(70L, 10_400L);
    assertEquals(Set.of(new ProcessRef(70, 10_000)), t.awaitExit(List.of(new ProcessRef(70, 10_000)), Duration.ZERO));
  }

  /** What the engine's gate does once it has checked the identity: deliver to the pid taken. */
  static Delivery send(WindowsTerminator t, ProcessRef p, Action a) {
    return t.hold(p.pid()).deliver(a);
  }
}
