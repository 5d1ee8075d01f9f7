package dev.freeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand: its name, its model and what runs it. This is the one place subcommands are
 * declared; the parser, the dispatcher, the man page and completion all read it.
 */
enum Command {
  LIST("list") {
    @Override
    CommandSpec spec() {
      return CommandModel.list();
    }

    @Override
    int run(CliContext ctx, Given given) throws Exception {
      return new ListCommand(ctx).run(Options.parse(given));
    }
  },
  FIND("find") {
    @Override
    CommandSpec spec() {
      return CommandModel.find();
    }

    @Override
    int run(CliContext ctx, Given given) throws Exception {
      return new FindCommand(ctx).run(Options.parse(given));
    }
  },
  COMPLETION("completion") {
    @Override
    CommandSpec spec() {
      return CommandModel.completion();
    }

    @Override
    int run(CliContext ctx, Given given) throws Exception {
      return CompletionCommand.run(ctx, commandLine(), given.positional().get(0));
    }
  };

  private final String label;

  Command(String label) {
    this.label = label;
  }

  /** The name typed on the command line. */
  String label() {
    return label;
  }

  abstract CommandSpec spec();

  /** Runs this subcommand with what the command line gave; returns its exit code. */
  abstract int run(CliContext ctx, Given given) throws Exception;

  /** The subcommand typed as {@code label}, or null. */
  static Command named(String label) {
    for (Command c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    return null;
  }

  /** The whole command line model: the root command with every subcommand. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(CommandModel.root());
    for (Command c : values()) {
      cl.addSubcommand(c.label, new CommandLine(c.spec()));
    }
    return cl;
  }
}
