package dev.freeport.core.model;

import dev.freeport.core.kill.StopMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one requested port.
 *
 * @param finding who held it before anything was done
 * @param outcome its final state
 * @param stopped each process freeport tried to stop for this port and how it ended
 * @param elapsed from the first signal until the port was checked again
 * @param newHolder when the port is held again by a process freeport did not stop
 * @param supervisor the parent that restarted the holder, when one did
 * @param timeWait TCP connections left in TIME_WAIT (harmless for servers that bind with
 *     SO_REUSEADDR)
 * @param detail one human sentence on why the port is not free, or empty
 */
public record PortResult(
    PortFinding finding,
    PortOutcome outcome,
    List<Stopped> stopped,
    Duration elapsed,
    Optional<ProcessInfo> newHolder,
    Optional<ProcessInfo> supervisor,
    int timeWait,
    String detail) {

  public PortResult {
    stopped = List.copyOf(stopped);
  }

  /** The port as the user left it by declining: untouched. */
  public static PortResult declined(PortFinding f) {
    PortOutcome outcome = f.free() ? PortOutcome.FREE : PortOutcome.DECLINED;
    return new PortResult(f, outcome, List.of(), Duration.ZERO, Optional.empty(), Optional.empty(), 0, "");
  }

  public int port() {
    return finding.port();
  }

  /** One process that freeport tried to stop, and how it ended. */
  public record Stopped(ProcessInfo process, StopMethod method) {}
}
