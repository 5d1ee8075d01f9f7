package dev.freeport.platform.unix.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls freeport needs that neither the JDK nor jna-platform map. */
public interface LibC extends Library {
  int EPERM = 1;

  /** Loads libc; only when a signal the JDK cannot send is needed, as JNA adds start-up time. */
  static LibC load() {
    return Native.load("c", LibC.class);
  }

  int kill(int pid, int signal) throws LastErrorException;

  int getpid();
}
