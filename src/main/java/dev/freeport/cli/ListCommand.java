package dev.freeport.cli;

import dev.freeport.core.Freeport;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.SocketRow;
import dev.freeport.render.JsonView;
import dev.freeport.render.ListView;
import dev.freeport.render.Terminal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code freeport list}: every listening socket, or those on the given ports, with its process. */
@Command(
    name = "list",
    description = "Show listening sockets with the processes that hold them, sorted by port.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class ListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "PORT", arity = "0..*",
      description = "Only these ports: 8080, 3000-3010, 3000,8080. Default: every port.")
  List<String> ports = List.of();

  @Mixin CommonOptions common;

  ListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Freeport freeport = new Freeport(ctx.host().get());
    PortSet wanted = ports.isEmpty() ? PortSet.all() : Converters.ports(ports);
    List<SocketRow> rows = freeport.list(common.protocols(), wanted);
    if (common.json) {
      new JsonView(Instant.now()).writeList(rows, ctx.out());
    } else if (rows.isEmpty()) {
      ctx.err().println(wanted.isAll() ? "Nothing is listening." : "Nothing is listening on the requested ports.");
    } else {
      Terminal term = Terminal.detect(ctx.stdoutTerminal(), common.noColor, ctx.env());
      new ListView(term).print(rows, ctx.out());
    }
    if (rows.stream().anyMatch(r -> r.process().isEmpty())) {
      ctx.err().println("Some owners are not visible (" + freeport.privilegeHint() + ").");
    }
    return ExitCode.OK.code();
  }
}
