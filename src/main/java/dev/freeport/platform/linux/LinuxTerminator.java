package dev.freeport.platform.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.unix.KillTerminator;
import dev.freeport.platform.unix.Signals;
import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signals through pidfds: a pidfd is opened once per process and checked against the start time
 * found at discovery, so every later signal reaches exactly that process even if its PID is
 * reused. Waiting polls the pidfds, which become readable the moment a process exits. Falls back
 * to start-time-checked kill(2) on kernels before 5.3.
 */
public final class LinuxTerminator implements Terminator {
  private static final long SYS_PIDFD_SEND_SIGNAL = 424;
  private static final long SYS_PIDFD_OPEN = 434;
  private static final int ENOSYS = 38;
  /** Longest single poll, so an interrupt is noticed. */
  private static final int POLL_SLICE_MILLIS = 100;

  private final LibC libc;
  private final LinuxProcessInspector procs;
  private final Map<ProcessRef, Integer> pidfds = new HashMap<>();
  private Terminator fallback;

  public LinuxTerminator(LibC libc, LinuxProcessInspector procs) {
    this.libc = libc;
    this.procs = procs;
  }

  @Override
  public Delivery send(ProcessRef p, Action action) {
    if (fallback != null) {
      return fallback.send(p, action);
    }
    Optional<Integer> fd = pidfd(p);
    if (fallback != null) { // pidfd_open just found a kernel without pidfds
      return fallback.send(p, action);
    }
    if (fd.isEmpty()) {
      return Delivery.GONE;
    }
    try {
      libc.syscall(SYS_PIDFD_SEND_SIGNAL, fd.get(), Signals.LINUX.number(action), Pointer.NULL, 0);
      return Delivery.DELIVERED;
    } catch (LastErrorException e) {
      return e.getErrorCode() == LibC.EPERM ? Delivery.DENIED : Delivery.GONE;
    }
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    if (fallback != null) {
      return fallback.awaitExit(processes, timeout);
    }
    List<ProcessRef> waiting = new ArrayList<>();
    for (ProcessRef p : processes) {
      if (pidfd(p).isPresent()) {
        waiting.add(p);
      }
    }
    long end = System.nanoTime() + timeout.toNanos();
    while (!waiting.isEmpty() && !Thread.currentThread().isInterrupted()) {
      LibC.PollFd[] fds = (LibC.PollFd[]) new LibC.PollFd().toArray(waiting.size());
      for (int i = 0; i < fds.length; i++) {
        fds[i].fd = pidfds.get(waiting.get(i));
        fds[i].events = LibC.POLLIN;
      }
      long remaining = Math.max(0, (end - System.nanoTime()) / 1_000_000);
      int ready = poll(fds, (int) Math.min(remaining, POLL_SLICE_MILLIS));
      List<ProcessRef> still = new ArrayList<>();
      for (int i = 0; i < fds.length; i++) {
        fds[i].read();
        if ((fds[i].revents & LibC.POLLIN) == 0) {
          still.add(waiting.get(i));
        }
      }
      waiting = still;
      if (ready >= 0 && System.nanoTime() >= end) {
        break;
      }
    }
    return new LinkedHashSet<>(waiting);
  }

  private int poll(LibC.PollFd[] fds, int millis) {
    try {
      return libc.poll(fds, fds.length, millis);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EINTR) {
        return -1;
      }
      throw e;
    }
  }

  /** The pidfd for exactly this process, opened on first use; empty once it has exited. */
  private Optional<Integer> pidfd(ProcessRef p) {
    Integer open = pidfds.get(p);
    if (open != null) {
      return Optional.of(open);
    }
    int fd;
    try {
      fd = (int) libc.syscall(SYS_PIDFD_OPEN, (int) p.pid(), 0);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENOSYS) {
        fallback = new KillTerminator(libc, Signals.LINUX, procs::isRunning);
      }
      return Optional.empty();
    }
    // The pidfd names whichever process had the PID when it was opened; it is ours only if the
    // PID still shows our start time now (a process cannot change its start time).
    if (!procs.isRunning(p)) {
      libc.close(fd);
      return Optional.empty();
    }
    pidfds.put(p, fd);
    return Optional.of(fd);
  }

  @Override
  public void close() {
    pidfds.values().forEach(libc::close);
    pidfds.clear();
  }
}
