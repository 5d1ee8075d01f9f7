package dev.freeport.cli;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.PortSpec;
import dev.freeport.core.engine.StopOptions;
import dev.freeport.core.model.GracefulSignal;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.safety.HolderFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /** The same options, stopping only holders that this filter allows. */
  Options withFilter(HolderFilter only) {
    return new Options(ports, portsGiven, start, range, protocols, dryRun, yes, force, quiet, json, noColor, debug, parent,
        only, timeout, watch, graceful);
  }

  /** The stop as these options ask for it. */
  StopOptions stop() {
    return new StopOptions(timeout, force, graceful, watch);
  }

  static Options parse(Given given) {
    List<String> raw = given.positional();
    List<PortSet> ports = new ArrayList<>(raw.size());
    for (String spec : raw) {
      ports.add(PortSpec.parse(spec));
    }
    boolean json = given.flag(OptionTable.JSON);
    return new Options(
        PortSet.union(ports),
        !raw.isEmpty(),
        raw.isEmpty() ? Optional.empty() : Optional.of(raw.get(0)),
        Optional.ofNullable(given.value(OptionTable.RANGE)),
        protocols(given.flag(OptionTable.TCP), given.flag(OptionTable.UDP)),
        given.flag(OptionTable.DRY_RUN),
        given.flag(OptionTable.YES),
        given.flag(OptionTable.FORCE),
        given.flag(OptionTable.QUIET) && !json,
        json,
        given.flag(OptionTable.NO_COLOR),
        given.flag(OptionTable.DEBUG),
        given.flag(OptionTable.PARENT),
        new HolderFilter(Optional.ofNullable(given.value(OptionTable.USER)),
            Optional.ofNullable(given.value(OptionTable.NAME))),
        DurationSpec.parse(given.value(OptionTable.TIMEOUT)),
        DurationSpec.parse(given.value(OptionTable.WATCH)),
        GracefulSignal.parse(given.value(OptionTable.SIGNAL)));
  }

  /** TCP unless --udp; both when both flags are given. */
  private static Set<Protocol> protocols(boolean tcp, boolean udp) {
    if (tcp == udp) {
      return udp ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.TCP);
    }
    return EnumSet.of(tcp ? Protocol.TCP : Protocol.UDP);
  }
}
