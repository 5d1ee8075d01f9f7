package dev.freeport.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line model, built in code. picocli's annotation scanning (reflection and
 * annotation proxies) costs about 100 ms of start-up, which every pre-start hook would pay.
 */
final class CommandModel {
  static final String DRY_RUN = "--dry-run";
  static final String YES = "--yes";
  static final String FORCE = "--force";
  static final String TIMEOUT = "--timeout";
  static final String TCP = "--tcp";
  static final String UDP = "--udp";
  static final String JSON = "--json";
  static final String NO_COLOR = "--no-color";
  static final String DEBUG = "--debug";
  static final String QUIET = "--quiet";
  static final String RANGE = "--range";
  static final String USER = "--user";
  static final String NAME = "--name";
  static final String PARENT = "--parent";
  static final String WATCH = "--watch";
  static final String SIGNAL = "--signal";
  static final String DEFAULT_SIGNAL = "TERM";
  static final String DEFAULT_WATCH = "3s";
  /** Where `freeport find` starts by default: the usual first dev-server port. */
  static final int DEFAULT_FIND_START = 3000;
  static final int DEFAULT_FIND_SPAN = 100;
  static final String DEFAULT_TIMEOUT = "5s";

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
    spec.addOption(flag(new String[] {"-n", DRY_RUN}, "Only show who holds the ports; change nothing."));
    spec.addOption(flag(new String[] {"-y", YES}, "Do not ask; stop what holds the ports."));
    spec.addOption(flag(new String[] {"-f", FORCE}, "Skip the graceful request; kill at once."));
    spec.addOption(flag(new String[] {"-q", QUIET}, "Print nothing but errors: one line per port that is not free."));
    spec.addOption(OptionSpec.builder(USER).paramLabel("NAME").type(String.class)
        .description("Only stop holders that belong to this user; others are skipped.").build());
    spec.addOption(OptionSpec.builder(NAME).paramLabel("GLOB").type(String.class)
        .description("Only stop holders whose name matches, e.g. 'node' or 'java*'; others are skipped.").build());
    spec.addOption(flag(new String[] {PARENT}, "Stop each holder's parent and its whole tree instead: for a "
        + "supervisor (nodemon, pm2, a shell loop) that keeps restarting the holder."));
    spec.addOption(OptionSpec.builder("-s", SIGNAL)
        .paramLabel("NAME")
        .type(String.class)
        .defaultValue(DEFAULT_SIGNAL)
        .completionCandidates(java.util.List.of("TERM", "INT", "HUP", "QUIT", "USR1", "USR2", "close", "ctrl-c", "ctrl-break"))
        .description("The graceful request: TERM (default), INT (servers that drain on Ctrl+C), HUP, QUIT, USR1, USR2."
            + " Windows: close (WM_CLOSE to its windows), ctrl-c, ctrl-break; TERM there means close, else ctrl-c."
            + " The forced step is always SIGKILL / TerminateProcess.")
        .build());
    spec.addOption(OptionSpec.builder(WATCH)
        .paramLabel("DURATION")
        .type(String.class)
        .defaultValue(DEFAULT_WATCH)
        .description("After the stop, how long to watch a parent that may restart the holder (a supervisor, a shell "
            + "loop, a launcher; not init or your interactive shell) before saying the port is free; the watch ends "
            + "as soon as the port is taken again or the parent exits. 0 turns it off. Default: " + DEFAULT_WATCH + ".")
        .build());
    spec.addOption(OptionSpec.builder("-t", TIMEOUT)
        .paramLabel("DURATION")
        .type(String.class)
        .defaultValue(DEFAULT_TIMEOUT)
        .description("How long to wait for a graceful exit before forcing: 500ms, 5s, 1m, or seconds. "
            + "Default: " + DEFAULT_TIMEOUT + ".")
        .build());
    common(spec);
    return spec;
  }

  static CommandSpec list() {
    CommandSpec spec = CommandSpec.create().name("list");
    spec.usageMessage()
        .description("Show listening sockets with the processes that hold them, sorted by port.")
        .sortOptions(false)
        .autoWidth(true);
    spec.addPositional(ports("Only these ports: 8080, 3000-3010, 3000,8080. Default: every port."));
    common(spec);
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
    spec.addOption(OptionSpec.builder(RANGE).paramLabel("FROM-TO").type(String.class)
        .description("Search exactly this range instead, e.g. 8000-8099 (at most 1024 ports).").build());
    common(spec);
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
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).arity("0").type(boolean.class)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).arity("0").type(boolean.class)
        .description("Print version information and exit.").build());
    spec.versionProvider(new Version());
    return spec;
  }

  private static void common(CommandSpec spec) {
    spec.versionProvider(new Version());
    // Declared here rather than with mixinStandardHelpOptions, which is an annotated mixin and
    // would bring picocli's reflection back.
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).arity("0").type(boolean.class)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).arity("0").type(boolean.class)
        .description("Print version information and exit.").build());
    spec.addOption(flag(new String[] {TCP}, "TCP listening sockets (the default when neither --tcp nor --udp is given)."));
    spec.addOption(flag(new String[] {UDP}, "Bound UDP sockets instead; give --tcp --udp for both."));
    spec.addOption(flag(new String[] {JSON}, "Print the result as JSON on stdout (schema in the README)."));
    spec.addOption(flag(new String[] {NO_COLOR}, "No colours (also when NO_COLOR is set or stdout is not a terminal)."));
    spec.addOption(flag(new String[] {DEBUG}, "Show a stack trace when something fails unexpectedly."));
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

  private static OptionSpec flag(String[] names, String description) {
    return OptionSpec.builder(names).arity("0").type(boolean.class).description(description).build();
  }
}
