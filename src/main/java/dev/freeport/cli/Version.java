package dev.freeport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** The version written into the jar at build time (the pom's), the Java runtime and the OS. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    try (InputStream in = Version.class.getResourceAsStream("/dev/freeport/version.txt")) {
      String v = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return new String[] {"freeport " + v, "Java " + Runtime.version() + " (" + System.getProperty("java.vendor")
          + ") on " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch")};
    }
  }
}
