package dev.freeport.cli;

import dev.freeport.core.model.Protocol;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by every command. */
public final class CommonOptions {
  @Option(names = "--tcp", description = "TCP listening sockets (the default when neither --tcp nor --udp is given).")
  boolean tcp;

  @Option(names = "--udp", description = "Bound UDP sockets instead; give --tcp --udp for both.")
  boolean udp;

  @Option(names = "--json", description = "Print the result as JSON on stdout (schema in the README).")
  boolean json;

  @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or stdout is not a terminal).")
  boolean noColor;

  @Option(names = "--debug", description = "Show a stack trace when something fails unexpectedly.")
  boolean debug;

  Set<Protocol> protocols() {
    if (tcp == udp) {
      return udp ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.TCP);
    }
    return EnumSet.of(tcp ? Protocol.TCP : Protocol.UDP);
  }
}
