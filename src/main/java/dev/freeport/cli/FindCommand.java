package dev.freeport.cli;

import dev.freeport.core.PortSpec;
import dev.freeport.core.model.PortSet;
import dev.freeport.render.JsonView;
import java.util.OptionalInt;

/** {@code freeport find [PORT] [--range FROM-TO]}: the first free port, for scripts that would rather move. */
final class FindCommand {
  private final CliContext ctx;

  FindCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  int run(Options options) {
    String range = options.range().orElse(null);
    String start = options.start().orElse(null);
    if (range != null && start != null) {
      throw new CliException(ExitCode.USAGE, "give a start PORT or --range, not both");
    }
    int from;
    int to;
    if (range != null) {
      PortSet ports = PortSpec.parse(range);
      from = ports.stream().min().orElseThrow();
      to = ports.stream().max().orElseThrow();
      if (ports.size() != to - from + 1 || to - from + 1 > PortSpec.MAX_RANGE) {
        throw new CliException(ExitCode.USAGE, "--range takes one range FROM-TO of at most "
            + PortSpec.MAX_RANGE + " ports, e.g. 8000-8099");
      }
    } else {
      from = start == null ? CommandModel.DEFAULT_FIND_START : PortSpec.parse(start).stream().min().orElseThrow();
      if (start != null && PortSpec.parse(start).size() != 1) {
        throw new CliException(ExitCode.USAGE, "find takes one start PORT; use --range FROM-TO for a range");
      }
      to = Math.min(65535, from + CommandModel.DEFAULT_FIND_SPAN - 1);
    }
    OptionalInt port = ctx.freeport().get().firstFreePort(from, to, options.protocols());
    if (options.json()) {
      JsonView.writeFreePort(port, ctx.out());
    } else if (port.isPresent()) {
      ctx.out().println(port.getAsInt());
    }
    if (port.isEmpty()) {
      ctx.err().println("freeport: no free port from " + from + " to " + to);
      return ExitCode.BUSY.code();
    }
    return ExitCode.OK.code();
  }
}
