package dev.freeport.cli;

import java.util.List;

/**
 * What one command line gave, before any value is converted: the one shape that both picocli's
 * parse ({@link PicocliRun#given}) and {@link QuickArgs} produce, so {@link Options} is built
 * the same way from either.
 */
interface Given {
  /** The positional arguments as typed; empty when none was given. */
  List<String> positional();

  /** Whether this flag was given. */
  boolean flag(OptionTable option);

  /** The value given to this option, else its default (null when it has none). */
  String value(OptionTable option);
}
