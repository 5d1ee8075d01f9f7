package dev.freeport.core.safety;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.Verdict;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides which processes may never be stopped: freeport itself, its own parent chain, PID 0 and
 * 1, kernel threads, and the operating system's critical processes (given by name).
 */
public final class SafetyPolicy {
  private final long self;
  private final Set<Long> ancestors;
  private final Set<String> criticalNames;

  /**
   * @param self freeport's own pid
   * @param ancestors the pids of freeport's parent chain (the shell or script that ran it)
   * @param criticalNames the platform's critical process names, compared case-insensitively and
   *     without an {@code .exe} suffix
   */
  public SafetyPolicy(long self, Set<Long> ancestors, Set<String> criticalNames) {
    this.self = self;
    this.ancestors = Set.copyOf(ancestors);
    this.criticalNames = plainNames(criticalNames);
  }

  /**
   * The names as {@link ProcessInfo#plainName} makes them, unmodifiable.
   */
  private static Set<String> plainNames(Set<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(ProcessInfo.plainName(n));
    }
    return Set.copyOf(out);
  }

  /** True for freeport itself and the processes that started it. */
  public boolean ownChain(long pid) {
    return pid == self || ancestors.contains(pid);
  }

  public Verdict judge(ProcessInfo p) {
    if (p.pid() == self) {
      return new Verdict.Refused("this is freeport itself");
    }
    if (p.pid() == 0 || p.pid() == 1) {
      return new Verdict.Refused("PID " + p.pid() + " is the system's " + (p.pid() == 0 ? "idle process" : "init process"));
    }
    if (ancestors.contains(p.pid())) {
      return new Verdict.Refused("it started freeport (the shell or script running this command)");
    }
    if (p.kernelThread()) {
      return new Verdict.Refused("it is a kernel thread");
    }
    if (criticalNames.contains(ProcessInfo.plainName(p.name()))) {
      return new Verdict.Refused("it is a critical system process");
    }
    return Verdict.ALLOWED;
  }
}
