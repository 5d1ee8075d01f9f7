package dev.freeport;

import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.platform.Platforms;
import dev.freeport.render.Terminal;
import java.io.InputStream;
import java.io.PrintStream;

/** The command-line entry point; the only place that exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Terminal.prepareConsole();
    System.exit(run(System.out, System.err, System.in, args));
  }

  /** Runs freeport on the given streams and returns its exit code. */
  public static int run(PrintStream out, PrintStream err, InputStream in, String... args) {
    CliContext ctx = new CliContext(out, err, in, System.getenv(),
        Platforms.isTerminal(0), Platforms.isTerminal(1), Platforms.isTerminal(2), Platforms::current);
    int code = Cli.run(ctx, args);
    out.flush();
    err.flush();
    return code;
  }
}
