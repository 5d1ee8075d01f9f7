package dev.freeport.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The everyday command lines, recognised without picocli: {@code freeport PORT... [options]}
 * and {@code freeport list [PORT...] [options]}, each option spelled as {@link CommandModel}
 * declares it ({@code --timeout 2s}, {@code --timeout=2s}, {@code -t 2s}). Anything else (help,
 * version, the other subcommands, clustered or attached short options, argument files, an
 * option given twice, a value that looks like an option or a subcommand, an empty argument) is
 * left to picocli, which parses, explains or rejects it. picocli builds its model and converters
 * on every run, about 30 ms of start-up that a pre-start hook would pay on every
 * {@code freeport 3000 --yes --quiet}. {@code QuickArgsTest} holds the two parsers to the same
 * answers.
 */
final class QuickArgs implements Given {
  private final String command;
  private final List<String> positional = new ArrayList<>();
  private final Set<String> flags = new HashSet<>();
  private final Map<String, String> values = new HashMap<>();

  private QuickArgs(String command) {
    this.command = command;
  }

  /**
   * The command line as given values, or null when picocli must parse it.
   *
   * @return with {@link #command()} "" for the root command or the subcommand's label
   */
  static QuickArgs recognise(String... args) {
    int i = 0;
    QuickArgs q = new QuickArgs(args.length > 0 && args[0].equals(Command.LIST.label()) ? Command.LIST.label() : "");
    if (!q.command.isEmpty()) {
      i++;
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if (!plain(arg)) {
        return null;
      }
      if (arg.charAt(0) != '-') {
        q.positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
      String attached = name == arg ? null : arg.substring(eq + 1);
      String flag = q.flagNamed(name);
      if (flag != null) {
        if (attached != null || !q.flags.add(flag)) {
          return null;
        }
        continue;
      }
      String option = q.optionNamed(name);
      if (option == null) {
        return null;
      }
      String value = attached != null ? attached : i + 1 < args.length ? args[++i] : null;
      if (value == null || !plain(value) || value.charAt(0) == '-' || q.values.put(option, value) != null) {
        return null;
      }
    }
    return q;
  }

  /** Not empty, not an argument file, not a subcommand's name. */
  private static boolean plain(String arg) {
    if (arg.isEmpty() || arg.charAt(0) == '@') {
      return false;
    }
    return Command.named(arg) == null;
  }

  /** The long name of the boolean option spelled {@code name} in this command, or null. */
  private String flagNamed(String name) {
    switch (name) {
      case CommandModel.TCP, CommandModel.UDP, CommandModel.JSON, CommandModel.NO_COLOR, CommandModel.DEBUG:
        return name;
      default:
        break;
    }
    if (!command.isEmpty()) {
      return null;
    }
    switch (name) {
      case "-n", CommandModel.DRY_RUN:
        return CommandModel.DRY_RUN;
      case "-y", CommandModel.YES:
        return CommandModel.YES;
      case "-f", CommandModel.FORCE:
        return CommandModel.FORCE;
      case "-q", CommandModel.QUIET:
        return CommandModel.QUIET;
      case CommandModel.PARENT:
        return name;
      default:
        return null;
    }
  }

  /** The long name of the option with a value spelled {@code name} in this command, or null. */
  private String optionNamed(String name) {
    if (!command.isEmpty()) {
      return null;
    }
    switch (name) {
      case CommandModel.USER, CommandModel.NAME, CommandModel.WATCH:
        return name;
      case "-s", CommandModel.SIGNAL:
        return CommandModel.SIGNAL;
      case "-t", CommandModel.TIMEOUT:
        return CommandModel.TIMEOUT;
      default:
        return null;
    }
  }

  /** The subcommand given, or null for the root command. */
  Command command() {
    return command.isEmpty() ? null : Command.named(command);
  }

  @Override
  public List<String> positional() {
    return positional;
  }

  @Override
  public boolean flag(String name) {
    return flags.contains(name);
  }

  @Override
  public String value(String name, String otherwise) {
    String v = values.get(name);
    return v != null ? v : otherwise;
  }
}
