package dev.freeport.platform.linux;

import dev.freeport.core.port.UnusableHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Refuses a /proc that does not describe freeport's own PID namespace. In a PID namespace without
 * a /proc of its own ({@code unshare -p -f} without {@code --mount-proc}) the PIDs under /proc are
 * those of an outer namespace, while kill(2) takes this namespace's: a PID freeport showed would
 * name another process, or none, when signalled (promise 1). Checked once, before any survey.
 *
 * <p>/proc/self is freeport's PID as the namespace of /proc counts it; the real one is the last
 * field of NSpid in /proc/self/status (Linux 4.1+), which lists the PID in every namespace from the
 * one of /proc down to freeport's own: one field when /proc is freeport's. Only without NSpid does
 * this ask the JDK for the real PID, whose ProcessHandle costs tens of milliseconds at start-up.
 */
public final class ProcNamespace {
  private static final String ADVICE = "its PIDs are not the ones a signal would reach, so freeport does nothing;"
      + " mount a /proc for this namespace (unshare --mount-proc, or mount -t proc proc /proc) or run freeport outside it";

  private ProcNamespace() {}

  /**
   * Returns when /proc under {@code procRoot} is this PID namespace's, or is not a procfs at all
   * (nothing to judge); throws {@link UnusableHostException} when it belongs to another namespace.
   */
  public static void check(Path procRoot) {
    ProcFiles proc = new ProcFiles(procRoot);
    Optional<String> self = proc.link("self");
    Optional<String> why;
    if (self.isPresent()) {
      why = mismatch(self.get(), proc.read("self", "status"), new JdkPid());
    } else if (Files.isDirectory(procRoot.resolve("1"))) {
      why = Optional.of(procRoot + " does not show freeport itself (no " + procRoot + "/self): it belongs to another"
          + " PID namespace; " + ADVICE);
    } else {
      why = Optional.empty();
    }
    if (why.isPresent()) {
      throw new UnusableHostException(why.get());
    }
  }

  /**
   * Why /proc is not this namespace's, from the target of its /proc/self link, its
   * /proc/self/status, and (only when that has no NSpid line) {@code realPid}; empty when it is
   * this namespace's or when {@code selfLink} is not a PID (not a procfs: nothing to judge).
   */
  static Optional<String> mismatch(String selfLink, Optional<String> status, LongSupplier realPid) {
    long inProc = pid(selfLink);
    if (inProc <= 0) {
      return Optional.empty();
    }
    long[] nspid = status.isPresent() ? nspid(status.get()) : new long[0];
    long real = nspid.length > 0 ? nspid[nspid.length - 1] : realPid.getAsLong();
    if (nspid.length <= 1 && real == inProc) {
      return Optional.empty();
    }
    return Optional.of("/proc is not this PID namespace's (freeport is PID " + real + " here, PID " + inProc
        + " in /proc), as after 'unshare -p -f' without '--mount-proc': " + ADVICE);
  }

  /** The fields of the NSpid line of a /proc/PID/status; none when it has no such line or a field is not a PID. */
  static long[] nspid(String status) {
    int at = status.startsWith("NSpid:") ? 0 : status.indexOf("\nNSpid:") + 1;
    if (at == 0 && !status.startsWith("NSpid:")) {
      return new long[0];
    }
    int end = status.indexOf('\n', at);
    String[] fields = ProcFiles.words(status.substring(at + "NSpid:".length(), end < 0 ? status.length() : end).trim());
    long[] pids = new long[fields.length];
    for (int i = 0; i < fields.length; i++) {
      pids[i] = pid(fields[i]);
      if (pids[i] <= 0) {
        return new long[0];
      }
    }
    return pids;
  }

  private static long pid(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The real PID from the JDK (a class, not a lambda: nothing to link at start-up). */
  private static final class JdkPid implements LongSupplier {
    @Override
    public long getAsLong() {
      return ProcessHandle.current().pid();
    }
  }
}
