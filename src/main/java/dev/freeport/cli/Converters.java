package dev.freeport.cli;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.PortSpec;
import dev.freeport.core.model.PortSet;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** picocli converters that hand over to the core parsers. */
final class Converters {
  private Converters() {}

  static final class Ports implements ITypeConverter<PortSet> {
    @Override
    public PortSet convert(String value) {
      return PortSpec.parse(value);
    }
  }

  static final class Timeout implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationSpec.parse(value);
    }
  }
}
