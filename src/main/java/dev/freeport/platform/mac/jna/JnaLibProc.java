package dev.freeport.platform.mac.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.freeport.platform.mac.LibProc;

/**
 * {@link LibProc} through JNA: the functions live in libSystem (libproc is part of it), declared
 * with Java arrays, which JNA copies in and out (a null array is a NULL pointer). Errors: the C
 * functions return 0 and set errno; errno is cleared first so that 0 with errno 0 is a real zero.
 * Loaded only on macOS.
 */
public final class JnaLibProc implements LibProc {
  private static final int PROC_ALL_PIDS = 1;
  private static final int PROC_PIDLISTFDS = 1;
  private static final int PROC_PIDFDSOCKETINFO = 3;

  interface SystemB extends Library {
    SystemB INSTANCE = Native.load("System", SystemB.class);

    int proc_listpids(int type, int typeinfo, int[] buffer, int buffersize);

    int proc_pidinfo(int pid, int flavor, long arg, byte[] buffer, int buffersize);

    int proc_pidfdinfo(int pid, int fd, int flavor, byte[] buffer, int buffersize);
  }

  @Override
  public int listAllPids(int[] buffer) {
    Native.setLastError(0);
    return result(SystemB.INSTANCE.proc_listpids(PROC_ALL_PIDS, 0, buffer,
        buffer == null ? 0 : buffer.length * Integer.BYTES));
  }

  @Override
  public int listFds(int pid, byte[] buffer) {
    Native.setLastError(0);
    return result(SystemB.INSTANCE.proc_pidinfo(pid, PROC_PIDLISTFDS, 0, buffer, buffer == null ? 0 : buffer.length));
  }

  @Override
  public int socketInfo(int pid, int fd, byte[] buffer) {
    Native.setLastError(0);
    return result(SystemB.INSTANCE.proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO, buffer, buffer.length));
  }

  private static int result(int r) {
    return r > 0 ? r : -Native.getLastError();
  }
}
