package dev.freeport.cli;

/** Ends the command with an exit code and a one-line message for stderr. */
public final class CliException extends RuntimeException {
  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
