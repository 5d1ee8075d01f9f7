package dev.freeport.cli;

import dev.freeport.core.InvalidInputException;
import dev.freeport.render.Sanitizer;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Builds the command line and maps every failure to one stderr line and an exit code. */
public final class Cli {
  private Cli() {}

  /** Runs freeport with these arguments; returns the exit code, never throws. */
  public static int run(CliContext ctx, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cl = new CommandLine(CommandModel.root());
    for (Command c : Command.ALL) {
      cl.addSubcommand(c.name(), new CommandLine(c.spec().get()));
    }
    cl.setExecutionStrategy(parsed -> execute(ctx, parsed, debug));
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setParameterExceptionHandler((ex, a) -> usage(ctx, ex, debug));
    return cl.execute(args);
  }

  private static int execute(CliContext ctx, ParseResult parsed, boolean debug) {
    try {
      Integer help = CommandLine.executeHelpRequest(parsed);
      if (help != null) {
        return help;
      }
      if (parsed.hasSubcommand()) {
        ParseResult sub = parsed.subcommand();
        return Command.named(sub.commandSpec().name()).orElseThrow().runner().run(ctx, sub);
      }
      return new FreeportCommand(ctx).run(Options.parse(parsed));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return failure(ctx, e, debug);
    }
  }

  private static int usage(CliContext ctx, ParameterException ex, boolean debug) {
    Throwable cause = ex;
    while (cause != null && !(cause instanceof InvalidInputException)) {
      cause = cause.getCause();
    }
    String message = cause != null ? cause.getMessage() : ex.getMessage();
    ctx.err().println("freeport: " + oneLine(message) + " (see 'freeport --help')");
    if (debug) {
      ex.printStackTrace(ctx.err());
    }
    return ExitCode.USAGE.code();
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

  private static String oneLine(String s) {
    return Sanitizer.clean(String.valueOf(s).replace('\n', ' ').replace('\r', ' '));
  }
}
