package dev.freeport.cli;

import java.util.List;

/**
 * Every option of every command, declared once: its names, what it takes, its default, its help
 * text and the commands that have it. {@link CommandModel} builds picocli's model from this table
 * (help, the man page and completion read that model), {@link QuickArgs} recognises the everyday
 * command lines from it without picocli, and {@link Options} reads the values by these constants.
 * Adding an option is one row here (and a field in {@link Options} for what it means).
 *
 * <p>The order of the rows is the order of {@code --help}. This class is on the start-up path of
 * every command line: it must not touch picocli.
 */
enum OptionTable {
  DRY_RUN("-n", "--dry-run", Scope.ROOT, "Only show who holds the ports; change nothing."),
  YES("-y", "--yes", Scope.ROOT, "Do not ask; stop what holds the ports."),
  FORCE("-f", "--force", Scope.ROOT, "Skip the graceful request; kill at once."),
  QUIET("-q", "--quiet", Scope.ROOT, "Print nothing but errors: one line per port that is not free."),
  USER(null, "--user", Scope.ROOT, "NAME", null, null,
      "Only stop holders that belong to this user; others are skipped."),
  NAME(null, "--name", Scope.ROOT, "GLOB", null, null,
      "Only stop holders whose name matches, e.g. 'node' or 'java*'; others are skipped."),
  PARENT(null, "--parent", Scope.ROOT, "Stop each holder's parent and its whole tree instead: for a supervisor"
      + " (nodemon, pm2, a shell loop) that keeps restarting the holder."),
  SIGNAL("-s", "--signal", Scope.ROOT, "NAME", "TERM",
      List.of("TERM", "INT", "HUP", "QUIT", "USR1", "USR2", "close", "ctrl-c", "ctrl-break"),
      "The graceful request: " + OptionTable.DEFAULT + " (default), INT (servers that drain on Ctrl+C), HUP, QUIT, USR1, USR2."
          + " Windows: close (WM_CLOSE to its windows), ctrl-c, ctrl-break; TERM there means close, else ctrl-c."
          + " The forced step is always SIGKILL / TerminateProcess."),
  WATCH(null, "--watch", Scope.ROOT, "DURATION", "3s", null,
      "After the stop, how long to watch a parent that may restart the holder (a supervisor, a shell loop, a"
          + " launcher; not init or your interactive shell) before saying the port is free; the watch ends as soon"
          + " as the port is taken again or the parent exits. 0 turns it off. Default: " + OptionTable.DEFAULT + "."),
  TIMEOUT("-t", "--timeout", Scope.ROOT, "DURATION", "5s", null,
      "How long to wait for a graceful exit before forcing: 500ms, 5s, 1m, or seconds. Default: "
          + OptionTable.DEFAULT + "."),
  RANGE(null, "--range", Scope.FIND, "FROM-TO", null, null,
      "Search exactly this range instead, e.g. 8000-8099 (at most 1024 ports)."),
  HELP("-h", "--help", Scope.EVERY_COMMAND, Kind.HELP, "Show this help message and exit."),
  VERSION("-V", "--version", Scope.EVERY_COMMAND, Kind.VERSION, "Print version information and exit."),
  TCP(null, "--tcp", Scope.PORT_COMMANDS,
      "TCP listening sockets (the default when neither --tcp nor --udp is given)."),
  UDP(null, "--udp", Scope.PORT_COMMANDS, "Bound UDP sockets instead; give --tcp --udp for both."),
  JSON(null, "--json", Scope.PORT_COMMANDS, "Print the result as JSON on stdout (schema in the README)."),
  NO_COLOR(null, "--no-color", Scope.PORT_COMMANDS,
      "No colours (also when NO_COLOR is set or stdout is not a terminal)."),
  DEBUG(null, "--debug", Scope.PORT_COMMANDS, "Show a stack trace when something fails unexpectedly.");

  /** Stands for the default value in a description. */
  private static final String DEFAULT = "${default}";

  /** What an option takes. */
  enum Kind {
    /** A boolean option: given or not (arity 0). */
    FLAG,
    /** An option with one value: {@code --timeout 2s}, {@code --timeout=2s}, {@code -t 2s} (arity 1). */
    VALUE,
    /** Prints the command's help and exits. */
    HELP,
    /** Prints the version and exits. */
    VERSION
  }

  /** The commands that have an option. */
  enum Scope {
    /** {@code freeport [PORT...]} only. */
    ROOT,
    /** {@code freeport find} only. */
    FIND,
    /** The root, {@code list} and {@code find}: the commands about ports. */
    PORT_COMMANDS,
    /** Every command, {@code completion} too. */
    EVERY_COMMAND;

    /** Whether {@code command} (null: the root command) has the options of this scope. */
    boolean includes(Command command) {
      return switch (this) {
        case ROOT -> command == null;
        case FIND -> command == Command.FIND;
        case PORT_COMMANDS -> command != Command.COMPLETION;
        case EVERY_COMMAND -> true;
      };
    }
  }

  private static final OptionTable[] ALL = values();

  private final String shortName;
  private final String longName;
  private final Scope scope;
  private final Kind kind;
  private final String label;
  private final String defaultValue;
  private final List<String> candidates;
  private final String description;

  /** A flag. */
  OptionTable(String shortName, String longName, Scope scope, String description) {
    this(shortName, longName, scope, Kind.FLAG, null, null, null, description);
  }

  /** Help or version. */
  OptionTable(String shortName, String longName, Scope scope, Kind kind, String description) {
    this(shortName, longName, scope, kind, null, null, null, description);
  }

  /**
   * An option with a value.
   *
   * @param label what the help calls the value
   * @param defaultValue the value when the option is not given, or null for none
   * @param candidates the values completion offers, or null for any
   * @param description help text, where {@value #DEFAULT} stands for the default value
   */
  OptionTable(String shortName, String longName, Scope scope, String label, String defaultValue,
      List<String> candidates, String description) {
    this(shortName, longName, scope, Kind.VALUE, label, defaultValue, candidates, description);
  }

  OptionTable(String shortName, String longName, Scope scope, Kind kind, String label, String defaultValue,
      List<String> candidates, String description) {
    this.shortName = shortName;
    this.longName = longName;
    this.scope = scope;
    this.kind = kind;
    this.label = label;
    this.defaultValue = defaultValue;
    this.candidates = candidates;
    this.description = defaultValue == null ? description : description.replace(OptionTable.DEFAULT, defaultValue);
  }

  /** The one-letter name with its dash ({@code -t}), or null when there is none. */
  String shortName() {
    return shortName;
  }

  /** The long name ({@code --timeout}): how {@link Given} and picocli's parse result know it. */
  String longName() {
    return longName;
  }

  /** Its names, the short one first: as help lists them. */
  String[] names() {
    return shortName == null ? new String[] {longName} : new String[] {shortName, longName};
  }

  Kind kind() {
    return kind;
  }

  /** What the help calls the value ({@code DURATION}), or null for an option without one. */
  String label() {
    return label;
  }

  /** The value when the option is not given, or null. */
  String defaultValue() {
    return defaultValue;
  }

  /** The values completion offers, or null for any. */
  List<String> candidates() {
    return candidates;
  }

  String description() {
    return description;
  }

  /** Whether {@code command} (null: the root command) has this option. */
  boolean in(Command command) {
    return scope.includes(command);
  }

  /**
   * Whether {@link QuickArgs} recognises this option: a flag or an option with one value, which
   * it reads exactly as picocli does. Help and version are picocli's.
   */
  boolean quick() {
    return kind == Kind.FLAG || kind == Kind.VALUE;
  }

  /** The option of {@code command} (null: the root) spelled exactly {@code name}, or null. */
  static OptionTable named(String name, Command command) {
    for (OptionTable o : ALL) {
      if ((name.equals(o.longName) || name.equals(o.shortName)) && o.in(command)) {
        return o;
      }
    }
    return null;
  }
}
