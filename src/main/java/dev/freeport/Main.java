package dev.freeport;

import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.cli.ExitCode;
import dev.freeport.core.Freeport;
import dev.freeport.platform.Platforms;
import dev.freeport.render.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** The command-line entry point; the only place that exits. */
public final class Main {
  /**
   * The exit code when the results could not be written to stdout (a full disk, {@code /dev/full},
   * an I/O error): an internal failure, never success.
   */
  /** A run whose output could not be written did not do its job: the internal-failure code. */
  static final int OUTPUT_FAILED = ExitCode.INTERNAL.code();

  private Main() {}

  public static void main(String[] args) {
    Terminal.prepareConsole();
    System.exit(run(System.out, System.err, System.in, true, args));
  }

  /**
   * Runs freeport on the given streams and returns its exit code; {@link #OUTPUT_FAILED} when
   * {@code out} could not be written, with one line on {@code err} saying so.
   */
  public static int run(PrintStream out, PrintStream err, InputStream in, String... args) {
    return run(out, err, in, false, args);
  }

  /** @param outIsStdout whether {@code out} is the process's stdout (whose reader may have left) */
  private static int run(PrintStream out, PrintStream err, InputStream in, boolean outIsStdout, String... args) {
    CliContext ctx = new CliContext(out, err, in, System.getenv(),
        Platforms.isTerminal(0), Platforms.isTerminal(1), Platforms.isTerminal(2), new CurrentFreeport());
    int code = Cli.run(ctx, args);
    // checkError() flushes first; PrintStream keeps the first write error of the whole run.
    if (out.checkError() && !(outIsStdout && stdoutIsPipeOrSocket())) {
      err.println("freeport: could not write the output to stdout; it is incomplete");
      code = code == 0 ? OUTPUT_FAILED : code;
    }
    err.flush();
    return code;
  }

  /**
   * Whether stdout is a pipe or a socket, where the only write error is the reader having gone
   * (EPIPE, as with {@code freeport list | head -1}): not a failure of freeport. A disk, a device
   * or a terminal fails for real reasons. Asked only after an error, so it costs nothing normally.
   */
  private static boolean stdoutIsPipeOrSocket() {
    for (String fd : List.of("/proc/self/fd/1", "/dev/fd/1")) {
      try {
        int type = (Integer) Files.getAttribute(Path.of(fd), "unix:mode") & 0170000;
        return type == 0010000 || type == 0140000; // S_IFIFO, S_IFSOCK
      } catch (IOException | RuntimeException e) {
        // not this path, or no unix attribute view (Windows): try the next
      }
    }
    return false;
  }

  /** freeport on this machine, made when a command asks. */
  private static final class CurrentFreeport implements Supplier<Freeport> {
    @Override
    public Freeport get() {
      return new Freeport(Platforms.current());
    }
  }
}
