package dev.freeport.render;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Short human forms of durations and sizes. */
public final class Formats {
  private Formats() {}

  /** Time since {@code started}: {@code 45s}, {@code 12m05s}, {@code 3h07m}, {@code 2d04h}; "?" if unknown. */
  public static String uptime(Optional<Instant> started, Instant now) {
    if (started.isEmpty()) {
      return "?";
    }
    long s = Math.max(0, Duration.between(started.get(), now).getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + twoDigits(s % 60) + "s";
    }
    if (s < 86400) {
      return s / 3600 + "h" + twoDigits(s % 3600 / 60) + "m";
    }
    return s / 86400 + "d" + twoDigits(s % 86400 / 3600) + "h";
  }

  /** {@code 812 KB}, {@code 84.2 MB}, {@code 1.3 GB}; "?" if unknown. */
  public static String bytes(OptionalLong bytes) {
    if (bytes.isEmpty()) {
      return "?";
    }
    double v = bytes.getAsLong();
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (u <= 1 ? Long.toString(Math.round(v)) : oneDecimal(v)) + " " + units[u];
  }

  /** {@code 412 ms} or {@code 5.1 s}. */
  public static String elapsed(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : oneDecimal(ms / 1000.0) + " s";
  }

  /** {@code 5.1} for 5.06: one decimal, rounded half up, as {@code %.1f} does for positive values. */
  public static String oneDecimal(double v) {
    long tenths = Math.round(v * 10);
    return tenths / 10 + "." + tenths % 10;
  }

  private static String twoDigits(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  /** "1 process" or "3 processes". */
  public static String processes(long n) {
    return n + (n == 1 ? " process" : " processes");
  }
}
