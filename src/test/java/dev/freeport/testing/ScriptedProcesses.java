package dev.freeport.testing;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.ProcessTable;
import dev.freeport.core.port.ProcessInspector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A process inspector as a script, for code that only asks which exact process runs and whether
 * it may be stopped: processes by pid (a pid given a new start time was reused), and every
 * identity read logged as "identify PID" into a log the test may share with other fakes.
 */
public final class ScriptedProcesses implements ProcessInspector {
  private final Map<Long, ProcessRef> byPid = new HashMap<>();
  private final Set<ProcessRef> awake = new HashSet<>();
  private final List<String> log;

  public ScriptedProcesses() {
    this(new ArrayList<>());
  }

  public ScriptedProcesses(List<String> log) {
    this.log = log;
  }

  /** This process now has its pid (replacing whichever had it). */
  public void runs(ProcessRef p) {
    byPid.put(p.pid(), p);
  }

  /** Known to be running or sleeping, so it is not stopped; unknown processes may be. */
  public void awake(ProcessRef p, boolean awake) {
    if (awake) {
      this.awake.add(p);
    } else {
      this.awake.remove(p);
    }
  }

  @Override
  public ProcessTable snapshot() {
    throw new UnsupportedOperationException("not scripted");
  }

  @Override
  public Optional<ProcessInfo> describe(long pid) {
    return Optional.empty();
  }

  @Override
  public Optional<ProcessRef> identify(long pid) {
    log.add("identify " + pid);
    return Optional.ofNullable(byPid.get(pid));
  }

  @Override
  public boolean mayBeStopped(ProcessRef p) {
    return !awake.contains(p);
  }
}
