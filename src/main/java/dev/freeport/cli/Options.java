package dev.freeport.cli;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.PortSpec;
import dev.freeport.core.engine.StopOptions;
import dev.freeport.core.kill.GracefulSignal;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.safety.HolderFilter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ParseResult;

/**
 * Everything one command line asked for, parsed once into plain values; commands read this,
 * never picocli's parse result.
 *
 * @param ports the PORT arguments; empty when none were given
 */
record Options(
    PortSet ports,
    boolean portsGiven,
    Optional<String> start,
    Optional<String> range,
    Set<Protocol> protocols,
    boolean dryRun,
    boolean yes,
    boolean force,
    boolean quiet,
    boolean json,
    boolean noColor,
    boolean debug,
    boolean parent,
    HolderFilter filter,
    Duration timeout,
    Duration watch,
    GracefulSignal graceful) {

  /** The same options for these ports (picked interactively). */
  Options withPorts(PortSet picked) {
    return new Options(picked, true, start, range, protocols, dryRun, yes, force, quiet, json, noColor, debug, parent,
        filter, timeout, watch, graceful);
  }

  /** The stop as these options ask for it. */
  StopOptions stop() {
    return new StopOptions(timeout, force, graceful, watch);
  }

  static Options parse(ParseResult parsed) {
    boolean given = parsed.hasMatchedPositional(0);
    String[] raw = given ? parsed.matchedPositionalValue(0, new String[0]) : new String[0];
    PortSet ports = PortSet.union(List.of(raw).stream().map(PortSpec::parse).toList());
    boolean json = flag(parsed, CommandModel.JSON);
    return new Options(
        ports,
        given,
        given && raw.length > 0 ? Optional.of(raw[0]) : Optional.empty(),
        Optional.ofNullable(parsed.matchedOptionValue(CommandModel.RANGE, null)),
        protocols(flag(parsed, CommandModel.TCP), flag(parsed, CommandModel.UDP)),
        flag(parsed, CommandModel.DRY_RUN),
        flag(parsed, CommandModel.YES),
        flag(parsed, CommandModel.FORCE),
        flag(parsed, CommandModel.QUIET) && !json,
        json,
        flag(parsed, CommandModel.NO_COLOR),
        flag(parsed, CommandModel.DEBUG),
        flag(parsed, CommandModel.PARENT),
        new HolderFilter(Optional.ofNullable(parsed.matchedOptionValue(CommandModel.USER, null)),
            Optional.ofNullable(parsed.matchedOptionValue(CommandModel.NAME, null))),
        DurationSpec.parse(parsed.matchedOptionValue(CommandModel.TIMEOUT, CommandModel.DEFAULT_TIMEOUT)),
        DurationSpec.parse(parsed.matchedOptionValue(CommandModel.WATCH, CommandModel.DEFAULT_WATCH)),
        GracefulSignal.parse(parsed.matchedOptionValue(CommandModel.SIGNAL, CommandModel.DEFAULT_SIGNAL)));
  }

  private static boolean flag(ParseResult parsed, String name) {
    return parsed.commandSpec().findOption(name) != null && parsed.hasMatchedOption(name);
  }

  /** TCP unless --udp; both when both flags are given. */
  private static Set<Protocol> protocols(boolean tcp, boolean udp) {
    if (tcp == udp) {
      return udp ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.TCP);
    }
    return EnumSet.of(tcp ? Protocol.TCP : Protocol.UDP);
  }
}
