package dev.freeport.platform.mac;

/**
 * The three libproc calls the macOS socket walk needs, as thin as the C functions, so the walk's
 * logic (buffer sizing, processes that vanish or cannot be read) is tested against a scripted
 * implementation. Each returns what the C function returns on success (a byte count, 0 or more)
 * or minus errno on failure.
 */
public interface LibProc {
  int EPERM = 1;
  int ESRCH = 3;
  int EBADF = 9;

  /**
   * {@code proc_listpids(PROC_ALL_PIDS, 0, buffer, 4 * buffer.length)}: bytes of PIDs written;
   * with a null buffer, the bytes needed now.
   */
  int listAllPids(int[] buffer);

  /**
   * {@code proc_pidinfo(pid, PROC_PIDLISTFDS, 0, buffer, buffer.length)}: bytes of {@code struct
   * proc_fdinfo} written; with a null buffer, an upper bound of the bytes needed. -EPERM for
   * another user's process without root, -ESRCH when it has exited.
   */
  int listFds(int pid, byte[] buffer);

  /**
   * {@code proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO, buffer, buffer.length)}: bytes of
   * {@code struct socket_fdinfo} written ({@link SocketFdInfo#SIZE}); -EBADF when the fd was
   * closed meanwhile.
   */
  int socketInfo(int pid, int fd, byte[] buffer);
}
