package dev.freeport.platform.oshi;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.model.ProcessTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Process facts from OSHI; start times are epoch milliseconds. OSHI's sentinels become empty. */
public final class OshiProcessInspector implements ProcessInspector {
  private final OperatingSystem os;

  public OshiProcessInspector(OperatingSystem os) {
    this.os = os;
  }

  @Override
  public ProcessTable snapshot() {
    List<ProcessTable.Row> rows = new ArrayList<>();
    for (OSProcess p : os.getProcesses()) {
      if (p.getState() != OSProcess.State.ZOMBIE && p.getState() != OSProcess.State.INVALID) {
        rows.add(new ProcessTable.Row(new ProcessRef(p.getProcessID(), p.getStartTime()), p.getParentProcessID()));
      }
    }
    return new ProcessTable(rows);
  }

  @Override
  public Optional<ProcessRef> identify(long pid) {
    return running(pid).map(p -> new ProcessRef(pid, p.getStartTime()));
  }

  @Override
  public Optional<ProcessInfo> describe(long pid) {
    return running(pid).map(OshiProcessInspector::info);
  }

  private Optional<OSProcess> running(long pid) {
    OSProcess p = os.getProcess((int) pid);
    return p == null || p.getState() == OSProcess.State.ZOMBIE || p.getState() == OSProcess.State.INVALID
        ? Optional.empty()
        : Optional.of(p);
  }

  static ProcessInfo info(OSProcess p) {
    String user = p.getUser();
    return new ProcessInfo(
        new ProcessRef(p.getProcessID(), p.getStartTime()),
        Math.max(0, p.getParentProcessID()),
        p.getName() == null ? "" : p.getName(),
        p.getCommandLine() == null ? "" : p.getCommandLine(),
        user == null || user.isEmpty() || user.equals("unknown") ? Optional.empty() : Optional.of(user),
        p.getStartTime() > 0 ? Optional.of(Instant.ofEpochMilli(p.getStartTime())) : Optional.empty(),
        p.getResidentMemory() > 0 ? OptionalLong.of(p.getResidentMemory()) : OptionalLong.empty(),
        false);
  }
}
