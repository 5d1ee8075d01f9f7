package dev.freeport.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The everyday command lines, recognised without picocli: {@code freeport PORT... [options]}
 * and {@code freeport list [PORT...] [options]}, with the options that {@link OptionTable} marks
 * {@link OptionTable#quick quick} and gives to that command, each spelled as the table names it
 * ({@code --timeout 2s}, {@code --timeout=2s}, {@code -t 2s}). Anything else (help, version,
 * the other subcommands, clustered or attached short options, argument files, an option given
 * twice, a value that looks like an option or a subcommand, an empty argument) is left to
 * picocli, which parses, explains or rejects it. picocli builds its model and converters on
 * every run, about 30 ms of start-up that a pre-start hook would pay on every
 * {@code freeport 3000 --yes --quiet}. {@code QuickArgsTest} holds the two parsers to the same
 * answers, option by option from the table.
 */
final class QuickArgs implements Given {
  private final Command command;
  private final List<String> positional = new ArrayList<>();
  private final Set<OptionTable> flags = new HashSet<>();
  private final Map<OptionTable, String> values = new HashMap<>();

  private QuickArgs(Command command) {
    this.command = command;
  }

  /**
   * The command line as given values, or null when picocli must parse it.
   *
   * @return with {@link #command()} null for the root command, or {@link Command#LIST}
   */
  static QuickArgs recognise(String... args) {
    int i = 0;
    QuickArgs q = new QuickArgs(args.length > 0 && args[0].equals(Command.LIST.label()) ? Command.LIST : null);
    if (q.command != null) {
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
      OptionTable option = OptionTable.named(name, q.command);
      if (option == null || !option.quick()) {
        return null;
      }
      if (option.kind() == OptionTable.Kind.FLAG) {
        if (attached != null || !q.flags.add(option)) {
          return null;
        }
        continue;
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

  /** The subcommand given, or null for the root command. */
  Command command() {
    return command;
  }

  @Override
  public List<String> positional() {
    return positional;
  }

  @Override
  public boolean flag(OptionTable option) {
    return flags.contains(option);
  }

  @Override
  public String value(OptionTable option) {
    String v = values.get(option);
    return v != null ? v : option.defaultValue();
  }
}
