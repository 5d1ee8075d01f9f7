package dev.freeport.platform.windows.jna;

import dev.freeport.core.engine.Deadlines;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import dev.freeport.platform.windows.WindowsNative;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@link WindowsNative} through JNA. Compiled everywhere, loaded only on Windows. */
public final class JnaWindowsNative implements WindowsNative {
  private static final int ACCESS = WinNT.PROCESS_TERMINATE | WinNT.SYNCHRONIZE | 0x1000; // QUERY_LIMITED
  /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
  private static final long EPOCH_DIFF_100NS = 116_444_736_000_000_000L;

  private record JnaHandle(long pid, WinNT.HANDLE h) implements Handle {}

  @Override
  public Opened open(long pid) {
    WinNT.HANDLE h = Kernel32.INSTANCE.OpenProcess(ACCESS, false, (int) pid);
    if (h != null) {
      return new Opened.Ok(new JnaHandle(pid, h));
    }
    return Kernel32.INSTANCE.GetLastError() == WinError.ERROR_ACCESS_DENIED
        ? new Opened.AccessDenied()
        : new Opened.NotFound();
  }

  @Override
  public long startTime(Handle h) {
    WinBase.FILETIME created = new WinBase.FILETIME();
    WinBase.FILETIME unused = new WinBase.FILETIME();
    if (!Kernel32.INSTANCE.GetProcessTimes(((JnaHandle) h).h(), created, unused, new WinBase.FILETIME(), new WinBase.FILETIME())) {
      return -1;
    }
    long ticks = ((long) created.dwHighDateTime << 32) | (created.dwLowDateTime & 0xffffffffL);
    return (ticks - EPOCH_DIFF_100NS) / 10_000;
  }

  @Override
  public List<Long> topLevelWindows(long pid) {
    List<Long> out = new ArrayList<>();
    User32.INSTANCE.EnumWindows((hwnd, data) -> {
      IntByReference owner = new IntByReference();
      User32.INSTANCE.GetWindowThreadProcessId(hwnd, owner);
      if (owner.getValue() == pid) {
        out.add(com.sun.jna.Pointer.nativeValue(hwnd.getPointer()));
      }
      return true;
    }, null);
    return out;
  }

  @Override
  public boolean postClose(long hwnd) {
    return Win32.User32W.INSTANCE.PostMessageW(new WinDef.HWND(new com.sun.jna.Pointer(hwnd)), Win32.WM_CLOSE,
        new WinDef.WPARAM(0), new WinDef.LPARAM(0));
  }

  @Override
  public boolean consoleCtrl(long pid, boolean ctrlBreak) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try {
      Process helper = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ConsoleCtrlHelper.class.getName(), Long.toString(pid), ctrlBreak ? "break" : "c")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!helper.waitFor(Deadlines.CONSOLE_HELPER.toMillis(), TimeUnit.MILLISECONDS)) {
        helper.destroyForcibly();
        return false;
      }
      return helper.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean terminate(Handle h) {
    return Kernel32.INSTANCE.TerminateProcess(((JnaHandle) h).h(), 1);
  }

  @Override
  public Set<Handle> awaitExit(Collection<Handle> handles, long millis) {
    Set<Handle> left = new LinkedHashSet<>(handles);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Handle h : handles) {
      long remaining = Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
      if (Kernel32.INSTANCE.WaitForSingleObject(((JnaHandle) h).h(), (int) Math.min(remaining, Integer.MAX_VALUE))
          == WinBase.WAIT_OBJECT_0) {
        left.remove(h);
      }
    }
    return left;
  }

  @Override
  public void close(Handle h) {
    Kernel32.INSTANCE.CloseHandle(((JnaHandle) h).h());
  }
}
