package dev.freeport.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * A subcommand: its model and what runs it. {@link #ALL} is the one place subcommands are
 * declared; the parser, the dispatcher, the man page and completion all read it.
 */
record Command(String name, Supplier<CommandSpec> spec, Runner runner) {

  /** Runs a parsed subcommand and returns its exit code. */
  interface Runner {
    int run(CliContext ctx, ParseResult parsed) throws Exception;
  }

  static final List<Command> ALL = List.of(
      new Command("list", CommandModel::list, (ctx, p) -> new ListCommand(ctx).run(Options.parse(p))),
      new Command("find", CommandModel::find, (ctx, p) -> new FindCommand(ctx).run(Options.parse(p))),
      new Command("completion", CommandModel::completion,
          (ctx, p) -> CompletionCommand.run(ctx, p.commandSpec().root().commandLine(), p.matchedPositionalValue(0, ""))));

  static Optional<Command> named(String name) {
    return ALL.stream().filter(c -> c.name.equals(name)).findFirst();
  }
}
