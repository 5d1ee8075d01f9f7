package dev.freeport.cli;

import dev.freeport.core.text.Printable;
import dev.freeport.core.model.InvalidInputException;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.UnusableHostException;
import dev.freeport.core.safety.HolderFilter;
import java.util.List;

/**
 * Runs a command line, through {@link QuickArgs} when it can and {@link PicocliRun} otherwise,
 * and maps every failure to one stderr line and an exit code. No picocli type appears here.
 */
public final class Cli {
  private Cli() {}

  /** Runs freeport with these arguments; returns the exit code, never throws. */
  public static int run(CliContext ctx, String... args) {
    boolean debug = List.of(args).contains(OptionTable.DEBUG.longName());
    QuickArgs quick = QuickArgs.recognise(args);
    if (quick != null) {
      return execute(ctx, quick.command(), quick, debug);
    }
    return PicocliRun.run(ctx, debug, args);
  }

  /**
   * {@code freeport PORT --yes --watch 0 [--json]} through the whole command, planning only
   * {@code only}: any other holder of the port is skipped, so never signalled. For class-archive
   * training, which must load everything a real stop loads and stop nothing but its own listener.
   */
  public static int stopExactly(CliContext ctx, ProcessRef only, int port, boolean json) {
    try {
      String[] args = json ? new String[] {Integer.toString(port), "--yes", "--watch", "0", "--json"}
          : new String[] {Integer.toString(port), "--yes", "--watch", "0"};
      return new FreeportCommand(ctx).run(Options.parse(QuickArgs.recognise(args)).withFilter(HolderFilter.exactly(only)));
    } catch (Exception e) {
      return failure(ctx, e, false);
    }
  }

  /** Runs the root command ({@code command} null) or a subcommand; maps every failure to its exit code. */
  static int execute(CliContext ctx, Command command, Given given, boolean debug) {
    try {
      return command != null ? command.run(ctx, given) : new FreeportCommand(ctx).run(Options.parse(given));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return failure(ctx, e, debug);
    }
  }

  private static int failure(CliContext ctx, Exception ex, boolean debug) {
    ExitCode code;
    String message;
    if (ex instanceof CliException c) {
      code = c.exitCode();
      message = c.getMessage();
    } else if (ex instanceof InvalidInputException) {
      code = ExitCode.USAGE;
      message = ex.getMessage();
    } else if (ex instanceof UnusableHostException) {
      code = ExitCode.INTERNAL;   // cannot run here: the message says why, no stack trace to ask for
      message = ex.getMessage();
    } else if (ex instanceof InterruptedException) {
      code = ExitCode.INTERRUPTED;
      message = "interrupted";
    } else {
      code = ExitCode.INTERNAL;
      message = "internal error: " + ex + (debug ? "" : " (re-run with --debug for details)");
    }
    ctx.err().println("freeport: " + oneLine(message));
    if (debug) {
      ex.printStackTrace(ctx.err());
    }
    return code.code();
  }

  static String oneLine(String s) {
    return Printable.clean(String.valueOf(s).replace('\n', ' ').replace('\r', ' '));
  }
}
