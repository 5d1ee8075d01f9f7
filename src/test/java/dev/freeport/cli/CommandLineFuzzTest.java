package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.InvalidInputException;
import dev.freeport.core.PortSpec;
import dev.freeport.platform.Platforms;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzes the command line: every invalid PORT or --timeout ends with exit 2, exactly one line on
 * stderr, nothing on stdout and no stack trace. Every run is a --dry-run, so no case can stop
 * anything even when it happens to be valid.
 */
class CommandLineFuzzTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--dry-run");
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), Map.of(),
        false, false, false, Platforms::current);
    int code = Cli.run(ctx, all.toArray(new String[0]));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static boolean valid(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }

  static void assertUsageError(Result r) {
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().startsWith("freeport: "), r::toString);
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
    assertTrue(r.err().chars().noneMatch(c -> c == 0x1b), "no raw escape echoed: " + r);
  }

  @Property(tries = 400)
  void anyInvalidPortIsAUsageError(@ForAll @StringLength(max = 30) String port) {
    Assume.that(!port.startsWith("-")); // those are options, fuzzed below
    Assume.that(!valid(() -> PortSpec.parse(port)));
    Assume.that(!List.of("list", "find", "completion").contains(port));
    assertUsageError(run(port));
  }

  @Property(tries = 300)
  void anyInvalidTimeoutIsAUsageError(@ForAll @StringLength(max = 20) String timeout) {
    Assume.that(!valid(() -> DurationSpec.parse(timeout)));
    assertUsageError(run("1", "--timeout=" + timeout));
  }

  @Property(tries = 200)
  void anyUnknownOptionIsAUsageError(@ForAll @StringLength(min = 1, max = 20) String name) {
    String option = "--x" + name.replace("=", "");
    assertUsageError(run("1", option));
  }

  @Property(tries = 50)
  void nastyLiteralsAreUsageErrors(@ForAll("nasty") String arg) {
    assertUsageError(run(arg));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> nasty() {
    return net.jqwik.api.Arbitraries.of("", " ", "\t", "0", "-0", "65536", "99999999999999999999999999",
        "-1", "1-", "-1-2", "1--2", "2-1", "1-99999", "0x1F90", "8080.0", " 8080,", "8080,,8081",
        "\u0668\u0660\u0668\u0660", "\uff18\uff10\uff18\uff10", "8\u200b080", "\u001b[31m8080", "8080\n8081",
        "1e3", "+8080", "NaN", "∞", "8080;rm -rf /", "$(reboot)", "`id`", "1-1025", "%n%s");
  }
}
