package dev.freeport.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs an external command (docker, podman, netsh) with fixed arguments, never through a shell,
 * bounded in time. One implementation runs real processes and reaps their whole tree; tests pass
 * scripted ones.
 */
public interface CommandRunner {
  /** Runs nothing: every command is "not available". */
  CommandRunner NONE = (argv, timeout) -> Optional.empty();

  /**
   * @param argv the program (a bare name is looked up on PATH) and its arguments
   * @param timeout the longest it may take, start to finish
   * @return its standard output when it exited 0 within the time; empty when it is not installed,
   *     failed, or was too slow (then it and everything it started have been killed)
   */
  Optional<String> run(List<String> argv, Duration timeout);
}
