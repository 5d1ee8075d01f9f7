package dev.freeport.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** {@code freeport completion bash|zsh}: prints a completion script generated from the command model. */
final class CompletionCommand {
  private CompletionCommand() {}

  static int run(CliContext ctx, CommandLine root, String shell) {
    String script = AutoComplete.bash("freeport", root);
    switch (shell) {
      case "bash" -> ctx.out().print(script);
      // picocli's script runs in zsh through bashcompinit.
      case "zsh" -> ctx.out().print("#compdef freeport\nautoload -U +X compinit && compinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n" + script);
      default -> throw new CliException(ExitCode.USAGE, "unknown shell '" + shell + "': use bash or zsh");
    }
    return ExitCode.OK.code();
  }
}
