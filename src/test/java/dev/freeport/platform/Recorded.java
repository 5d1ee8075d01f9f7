package dev.freeport.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded command output and native data under src/test/resources, by resource path. */
public final class Recorded {
  private Recorded() {}

  public static String text(String path) {
    try (InputStream in = Recorded.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded data at " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
