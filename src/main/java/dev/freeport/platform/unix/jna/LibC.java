package dev.freeport.platform.unix.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/** The few libc calls freeport needs that neither the JDK nor jna-platform map. */
public interface LibC extends Library {
  int EPERM = 1;
  int ESRCH = 3;
  int EINTR = 4;
  short POLLIN = 0x1;

  /** Loads libc; do this only on the stop path, as JNA adds start-up time. */
  static LibC load() {
    return Native.load("c", LibC.class);
  }

  int kill(int pid, int signal) throws LastErrorException;

  /** Linux {@code syscall(2)}: used for pidfd_open and pidfd_send_signal. */
  long syscall(long number, Object... args) throws LastErrorException;

  int poll(PollFd[] fds, int count, int timeoutMillis) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  /** {@code struct pollfd}. */
  @Structure.FieldOrder({"fd", "events", "revents"})
  final class PollFd extends Structure {
    public int fd;
    public short events;
    public short revents;
  }
}
