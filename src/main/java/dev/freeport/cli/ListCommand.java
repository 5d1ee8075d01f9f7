package dev.freeport.cli;

import dev.freeport.core.Freeport;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.SocketRow;
import dev.freeport.render.JsonView;
import dev.freeport.render.ListView;
import dev.freeport.render.Terminal;
import java.time.Instant;
import java.util.List;

/** {@code freeport list}: every listening socket, or those on the given ports, with its process. */
final class ListCommand {
  private final CliContext ctx;

  ListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  int run(Options options) {
    PortSet wanted = options.portsGiven() ? options.ports() : PortSet.all();
    Freeport freeport = ctx.freeport().get();
    List<SocketRow> rows = freeport.list(options.protocols(), wanted);
    if (options.json()) {
      new JsonView(Instant.now()).writeList(rows, ctx.out());
    } else if (rows.isEmpty()) {
      ctx.err().println(wanted.isAll() ? "Nothing is listening." : "Nothing is listening on the requested ports.");
    } else {
      Terminal term = Terminal.detect(ctx.stdoutTerminal(), options.noColor(), ctx.env());
      new ListView(term).print(rows, ctx.out());
    }
    for (SocketRow r : rows) {
      if (r.process().isEmpty()) {
        ctx.err().println("Some owners are not visible (" + freeport.privilegeHint() + ").");
        break;
      }
    }
    return ExitCode.OK.code();
  }
}
