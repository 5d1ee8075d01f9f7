package dev.freeport.cli;

import dev.freeport.core.model.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command lines {@link QuickArgs} leaves: picocli parses, explains or rejects them. Kept out
 * of {@link Cli} so that a command line the fast path takes loads no picocli class at all (the
 * JVM's verifier loads the types a method's code converts between, so one picocli type in
 * {@code Cli} would load picocli on every run).
 */
final class PicocliRun {
  private PicocliRun() {}

  static int run(CliContext ctx, boolean debug, String... args) {
    CommandLine cl = Command.commandLine();
    cl.setExecutionStrategy(parsed -> execute(ctx, parsed, debug));
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setParameterExceptionHandler((ex, a) -> usage(ctx, ex, debug));
    return cl.execute(args);
  }

  /** A picocli parse result seen as given values. */
  static Given given(ParseResult parsed) {
    return new Given() {
      @Override
      public List<String> positional() {
        ArgSpec first = parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0) : null;
        return first == null ? List.of() : List.copyOf(first.stringValues());
      }

      @Override
      public boolean flag(OptionTable option) {
        String name = option.longName();
        return parsed.commandSpec().findOption(name) != null && parsed.hasMatchedOption(name);
      }

      @Override
      public String value(OptionTable option) {
        String name = option.longName();
        return parsed.commandSpec().findOption(name) != null
            ? parsed.matchedOptionValue(name, option.defaultValue()) : option.defaultValue();
      }
    };
  }

  private static int execute(CliContext ctx, ParseResult parsed, boolean debug) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    ParseResult chosen = parsed.hasSubcommand() ? parsed.subcommand() : parsed;
    return Cli.execute(ctx, Command.named(chosen.commandSpec().name()), given(chosen), debug);
  }

  private static int usage(CliContext ctx, ParameterException ex, boolean debug) {
    Throwable cause = ex;
    while (cause != null && !(cause instanceof InvalidInputException)) {
      cause = cause.getCause();
    }
    String message = cause != null ? cause.getMessage() : ex.getMessage();
    ctx.err().println("freeport: " + Cli.oneLine(message) + " (see 'freeport --help')");
    if (debug) {
      ex.printStackTrace(ctx.err());
    }
    return ExitCode.USAGE.code();
  }
}
