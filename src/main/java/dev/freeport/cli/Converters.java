package dev.freeport.cli;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.PortSpec;
import dev.freeport.core.model.PortSet;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/** Hands command-line values over to the core parsers. */
final class Converters {
  private Converters() {}

  /**
   * Parses PORT arguments. Done in the command rather than by a picocli converter, because
   * picocli reports a failed positional conversion as an "unmatched argument" and drops the
   * reason.
   */
  static PortSet ports(List<String> args) {
    return PortSet.union(args.stream().map(PortSpec::parse).toList());
  }

  static final class Timeout implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationSpec.parse(value);
    }
  }
}
