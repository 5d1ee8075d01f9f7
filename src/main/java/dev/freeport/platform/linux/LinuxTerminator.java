package dev.freeport.platform.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.unix.KillTerminator;
import dev.freeport.platform.unix.Signals;
import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signals through pidfds: a pidfd is opened once per process and checked against the start time
 * found at discovery, so every later signal reaches exactly that process even if its PID is
 * reused. Waiting polls the pidfds, which become readable the moment a process exits, and a
 * process whose pidfd is readable is never reported as signalled. Where no pidfd can be had (a
 * kernel before 5.3, or the descriptor limit reached), signals go through kill(2) right after a
 * start-time check, and waiting checks the start time; a failed open is never taken for an exit.
 * Sending is safe from several threads.
 */
public final class LinuxTerminator implements Terminator {
  private static final long SYS_PIDFD_SEND_SIGNAL = 424;
  private static final long SYS_PIDFD_OPEN = 434;
  private static final int ENOSYS = 38;
  /** Longest single poll, so an interrupt is noticed. */
  private static final int POLL_SLICE_MILLIS = 100;
  /** Poll slice while some processes can only be checked by reading /proc. */
  private static final int CHECK_SLICE_MILLIS = 5;

  private final LibC libc;
  private final LinuxProcessInspector procs;
  private final KillTerminator withoutPidfd;
  /** Descriptors left free for reading /proc and the JVM's own needs. */
  private static final int SPARE_FDS = 64;

  private final int pidfdBudget;
  private final Map<ProcessRef, Integer> pidfds = new HashMap<>(); // guarded by this
  private final Set<ProcessRef> noPidfd = new HashSet<>(); // guarded by this
  private boolean kernelWithoutPidfd; // guarded by this

  private final GracefulSignal graceful;

  public LinuxTerminator(LibC libc, LinuxProcessInspector procs, GracefulSignal graceful) {
    this.libc = libc;
    this.procs = procs;
    this.graceful = graceful;
    this.withoutPidfd = new KillTerminator(libc, Signals.LINUX, graceful, procs::isRunning);
    this.pidfdBudget = procs.freeDescriptors().orElse(1024) - SPARE_FDS;
  }

  /** What opening a pidfd gave. */
  private enum Open { OPEN, GONE, UNAVAILABLE }

  @Override
  public synchronized Delivery send(ProcessRef p, Action action) {
    Open open = open(p);
    if (open == Open.GONE) {
      return Delivery.GONE;
    }
    if (open == Open.UNAVAILABLE) {
      return withoutPidfd.send(p, action);
    }
    int fd = pidfds.get(p);
    if (exited(fd)) {
      return Delivery.GONE; // a zombie still accepts signals; it is not running
    }
    try {
      libc.syscall(SYS_PIDFD_SEND_SIGNAL, fd, Signals.LINUX.number(action, graceful), Pointer.NULL, 0);
      return Delivery.DELIVERED;
    } catch (LastErrorException e) {
      return e.getErrorCode() == LibC.EPERM ? Delivery.DENIED : Delivery.GONE;
    }
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    List<ProcessRef> polled = new ArrayList<>();
    List<Integer> fds = new ArrayList<>();
    List<ProcessRef> checked = new ArrayList<>();
    synchronized (this) {
      for (ProcessRef p : processes) {
        Open open = open(p);
        if (open == Open.OPEN) {
          polled.add(p);
          fds.add(pidfds.get(p));
        } else if (open == Open.UNAVAILABLE) {
          checked.add(p);
        }
      }
    }
    long end = System.nanoTime() + timeout.toNanos();
    while ((!polled.isEmpty() || !checked.isEmpty()) && !Thread.currentThread().isInterrupted()) {
      checked.removeIf(p -> !procs.isRunning(p));
      long remaining = Math.max(0, (end - System.nanoTime()) / 1_000_000);
      int slice = (int) Math.min(remaining, checked.isEmpty() ? POLL_SLICE_MILLIS : CHECK_SLICE_MILLIS);
      if (polled.isEmpty()) {
        sleep(slice);
      } else {
        LibC.PollFd[] set = (LibC.PollFd[]) new LibC.PollFd().toArray(polled.size());
        for (int i = 0; i < set.length; i++) {
          set[i].fd = fds.get(i);
          set[i].events = LibC.POLLIN;
        }
        poll(set, slice);
        List<ProcessRef> stillP = new ArrayList<>();
        List<Integer> stillF = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
          set[i].read();
          if ((set[i].revents & LibC.POLLIN) == 0) {
            stillP.add(polled.get(i));
            stillF.add(fds.get(i));
          }
        }
        polled = stillP;
        fds = stillF;
      }
      if (System.nanoTime() >= end) {
        break;
      }
    }
    checked.removeIf(p -> !procs.isRunning(p));
    Set<ProcessRef> left = new LinkedHashSet<>(polled);
    left.addAll(checked);
    return left;
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /** True once the process behind this pidfd has exited (the pidfd reads as ready). */
  private boolean exited(int fd) {
    LibC.PollFd[] one = (LibC.PollFd[]) new LibC.PollFd().toArray(1);
    one[0].fd = fd;
    one[0].events = LibC.POLLIN;
    if (poll(one, 0) <= 0) {
      return false;
    }
    one[0].read();
    return (one[0].revents & LibC.POLLIN) != 0;
  }

  /**
   * The pidfd for exactly this process, opened on first use. GONE when no process has that pid
   * and start time; UNAVAILABLE when one does but no pidfd can be opened for it (no kernel
   * support, the descriptor limit), so signals must go through kill(2).
   */
  private Open open(ProcessRef p) {
    if (pidfds.containsKey(p)) {
      return Open.OPEN;
    }
    if (pidfds.size() >= pidfdBudget) {
      noPidfd.add(p); // holding more would leave none for reading /proc, and each read decides a signal
    }
    if (kernelWithoutPidfd || noPidfd.contains(p)) {
      return procs.isRunning(p) ? Open.UNAVAILABLE : Open.GONE;
    }
    int fd;
    try {
      fd = (int) libc.syscall(SYS_PIDFD_OPEN, (int) p.pid(), 0);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ESRCH) {
        return Open.GONE;
      }
      if (e.getErrorCode() == ENOSYS) {
        kernelWithoutPidfd = true;
      } else {
        noPidfd.add(p); // EMFILE, ENFILE, ENOMEM: the process may well be running
      }
      return procs.isRunning(p) ? Open.UNAVAILABLE : Open.GONE;
    }
    // The pidfd names whichever process had the PID when it was opened; it is ours only if the
    // PID still shows our start time now (a process cannot change its start time).
    if (!procs.isRunning(p)) {
      libc.close(fd);
      return Open.GONE;
    }
    pidfds.put(p, fd);
    return Open.OPEN;
  }

  @Override
  public synchronized void close() {
    pidfds.values().forEach(libc::close);
    pidfds.clear();
  }
}
