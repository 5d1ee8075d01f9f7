package dev.freeport.cli;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.PortSpec;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ParseResult;

/** The parsed values of one command, read from picocli's parse result. */
final class Args {
  private final ParseResult parsed;

  Args(ParseResult parsed) {
    this.parsed = parsed;
  }

  boolean flag(String name) {
    return parsed.hasMatchedOption(name);
  }

  /** The PORT arguments, parsed by the core grammar; empty when none were given. */
  PortSet ports() {
    String[] raw = parsed.matchedPositionalValue(0, new String[0]);
    return PortSet.union(List.of(raw).stream().map(PortSpec::parse).toList());
  }

  boolean hasPorts() {
    return parsed.hasMatchedPositional(0);
  }

  /** A string option's value, or null when not given. */
  String value(String name) {
    return parsed.matchedOptionValue(name, null);
  }

  /** The first positional argument, or null. */
  String positional() {
    return parsed.hasMatchedPositional(0) ? String.valueOf((Object) parsed.matchedPositionalValue(0, null)) : null;
  }

  Duration timeout() {
    return DurationSpec.parse(parsed.matchedOptionValue(CommandModel.TIMEOUT, CommandModel.DEFAULT_TIMEOUT));
  }

  /** TCP unless --udp; both when both flags are given. */
  Set<Protocol> protocols() {
    boolean tcp = flag(CommandModel.TCP);
    boolean udp = flag(CommandModel.UDP);
    if (tcp == udp) {
      return udp ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.TCP);
    }
    return EnumSet.of(tcp ? Protocol.TCP : Protocol.UDP);
  }
}
