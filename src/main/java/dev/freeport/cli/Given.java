package dev.freeport.cli;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * What one command line gave, by the options' long names, before any value is converted: the
 * one shape that both picocli's parse and {@link QuickArgs} produce, so {@link Options} is
 * built the same way from either.
 */
interface Given {
  /** The positional arguments as typed; empty when none was given. */
  List<String> positional();

  /** Whether this boolean option (by its long name, e.g. {@code --yes}) was given. */
  boolean flag(String name);

  /** The value given to this option (by its long name), or {@code otherwise}. */
  String value(String name, String otherwise);

  /** A picocli parse result seen as given values. */
  static Given of(ParseResult parsed) {
    return new Given() {
      @Override
      public List<String> positional() {
        ArgSpec first = parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0) : null;
        return first == null ? List.of() : List.copyOf(first.stringValues());
      }

      @Override
      public boolean flag(String name) {
        return parsed.commandSpec().findOption(name) != null && parsed.hasMatchedOption(name);
      }

      @Override
      public String value(String name, String otherwise) {
        return parsed.commandSpec().findOption(name) != null ? parsed.matchedOptionValue(name, otherwise) : otherwise;
      }
    };
  }
}
