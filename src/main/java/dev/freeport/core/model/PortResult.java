package dev.freeport.core.model;

import java.time.Duration;
import java.util.List;

/**
 * What happened to one requested port.
 *
 * @param finding who held it before anything was done
 * @param outcome its final state, with its exit code
 * @param stopped each process freeport signalled for this port and how it ended
 * @param elapsed from the first signal until the port was checked again (zero when nothing was
 *     signalled)
 * @param timeWait TCP connections left in TIME_WAIT on the port (they do not stop a server that
 *     binds with SO_REUSEADDR)
 */
public record PortResult(PortFinding finding, Outcome outcome, List<Stopped> stopped, Duration elapsed, int timeWait) {

  public PortResult {
    stopped = List.copyOf(stopped);
  }

  public int port() {
    return finding.port();
  }

  /** One process that freeport signalled, and how it ended. */
  public record Stopped(ProcessInfo process, Ending ending) {}
}
