package dev.freeport.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line model, built in code from {@link OptionTable} (the options) and
 * {@link Command} (the subcommands). picocli's annotation scanning (reflection and annotation
 * proxies) costs about 100 ms of start-up, which every pre-start hook would pay.
 */
final class CommandModel {
  /** Where `freeport find` starts by default: the usual first dev-server port. */
  static final int DEFAULT_FIND_START = 3000;
  static final int DEFAULT_FIND_SPAN = 100;

  private CommandModel() {}

  static CommandSpec root() {
    CommandSpec spec = CommandSpec.create().name("freeport");
    spec.usageMessage()
        .description("Find every process listening on PORT, show it with the tree below it, ask, then "
            + "stop the whole tree: a graceful request first, forced after the timeout. Ends by "
            + "checking that the port is really free.")
        .sortOptions(false)
        .autoWidth(true)
        .exitCodeListHeading("%nExit codes (several ports: the worst wins):%n")
        .exitCodeList(ExitCode.helpList());
    spec.addPositional(ports("Ports to free: 8080, a range 3000-3010, a list 3000,8080, or a mix. With none, on a"
        + " terminal: pick them from a live list of listening ports."));
    options(spec, null);
    return spec;
  }

  static CommandSpec list() {
    CommandSpec spec = CommandSpec.create().name("list");
    spec.usageMessage()
        .description("Show listening sockets with the processes that hold them, sorted by port.")
        .sortOptions(false)
        .autoWidth(true);
    spec.addPositional(ports("Only these ports: 8080, 3000-3010, 3000,8080. Default: every port."));
    options(spec, Command.LIST);
    return spec;
  }

  static CommandSpec find() {
    CommandSpec spec = CommandSpec.create().name("find");
    spec.usageMessage()
        .description("Print the first free port at or above PORT (default " + DEFAULT_FIND_START
            + "), checked the way a server binds: nothing listens on it and both the IPv4 and IPv6 "
            + "wildcard addresses can be bound. Exit code 1 when none is free.")
        .sortOptions(false)
        .autoWidth(true);
    spec.addPositional(PositionalParamSpec.builder().paramLabel("PORT").arity("0..1").type(String[].class)
        .description("Where to start; the search covers " + DEFAULT_FIND_SPAN + " ports.").build());
    options(spec, Command.FIND);
    return spec;
  }

  static CommandSpec completion() {
    CommandSpec spec = CommandSpec.create().name("completion");
    spec.usageMessage()
        .description("Print a shell completion script for bash, zsh, fish or PowerShell.",
            "bash: freeport completion bash > ~/.local/share/bash-completion/completions/freeport",
            "zsh:  freeport completion zsh > \"${fpath[1]}/_freeport\"  (or: source <(freeport completion zsh))",
            "fish: freeport completion fish > ~/.config/fish/completions/freeport.fish",
            "PowerShell: freeport completion powershell | Out-String | Invoke-Expression")
        .autoWidth(true);
    spec.addPositional(PositionalParamSpec.builder()
        .paramLabel("SHELL")
        .arity("1")
        .type(String.class)
        .completionCandidates(java.util.List.of("bash", "zsh", "fish", "powershell"))
        .description("bash, zsh, fish or powershell")
        .build());
    options(spec, Command.COMPLETION);
    return spec;
  }

  /** The table's options of {@code command} (null: the root), in the table's order. */
  private static void options(CommandSpec spec, Command command) {
    spec.versionProvider(new Version());
    for (OptionTable o : OptionTable.values()) {
      if (o.in(command)) {
        spec.addOption(option(o));
      }
    }
  }

  /**
   * One row of the table as picocli's option. Help and version are declared here rather than
   * with mixinStandardHelpOptions, which is an annotated mixin and would bring picocli's
   * reflection back.
   */
  static OptionSpec option(OptionTable o) {
    OptionSpec.Builder b = OptionSpec.builder(o.names()).description(o.description());
    switch (o.kind()) {
      case FLAG -> b.arity("0").type(boolean.class);
      case HELP -> b.usageHelp(true).arity("0").type(boolean.class);
      case VERSION -> b.versionHelp(true).arity("0").type(boolean.class);
      case VALUE -> {
        b.arity("1").paramLabel(o.label()).type(String.class);
        if (o.defaultValue() != null) {
          b.defaultValue(o.defaultValue());
        }
        if (o.candidates() != null) {
          b.completionCandidates(o.candidates());
        }
      }
    }
    return b.build();
  }

  /** Ports stay strings here: the command parses them, so a bad one gets the core's explanation. */
  private static PositionalParamSpec ports(String description) {
    return PositionalParamSpec.builder()
        .paramLabel("PORT")
        .arity("0..*")
        .type(String[].class)
        .description(description)
        .build();
  }
}
