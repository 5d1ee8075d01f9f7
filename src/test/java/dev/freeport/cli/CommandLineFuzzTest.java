package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.DurationSpec;
import dev.freeport.core.model.InvalidInputException;
import dev.freeport.core.PortSpec;
import dev.freeport.it.CliRun;
import dev.freeport.it.CliRun.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the command line with generated strings (a fixed seed, so a failure reproduces): every
 * invalid PORT, --timeout or option ends with exit 2, exactly one line on stderr, nothing on
 * stdout and no stack trace. Every run is a --dry-run, so no case can stop anything even when it
 * happens to be valid. The generator favours the characters that matter to the grammar.
 */
class CommandLineFuzzTest {
  private static final long SEED = 20261123L;
  private static final String ALPHABET = "0123456789-,, 0123456789-.xe+\t\n\u001b\u0660\u0669\uff10\u200b;$`'\"\\%";

  static Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--dry-run");
    return CliRun.run(null, all.toArray(new String[0]));
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

  /** Random strings over the alphabet, up to maxLength characters. */
  static Stream<String> generated(Random random, int count, int maxLength) {
    return IntStream.range(0, count).mapToObj(i -> {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(maxLength + 1);
      for (int k = 0; k < n; k++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return b.toString();
    });
  }

  static Stream<DynamicTest> cases(Stream<String> inputs, Function<String, Result> runIt) {
    return inputs.map(in -> DynamicTest.dynamicTest(printable(in), () -> assertUsageError(runIt.apply(in))));
  }

  static String printable(String s) {
    return "[" + s.replace("\u001b", "\\e").replace("\n", "\\n").replace("\t", "\\t") + "]";
  }

  @TestFactory
  Stream<DynamicTest> invalidPorts() {
    Stream<String> inputs = generated(new Random(SEED), 600, 12)
        .filter(s -> !s.startsWith("-") && !valid(() -> PortSpec.parse(s)))
        .distinct()
        .limit(300);
    return cases(inputs, CommandLineFuzzTest::run);
  }

  @TestFactory
  Stream<DynamicTest> invalidTimeouts() {
    Stream<String> inputs = generated(new Random(SEED + 1), 400, 10)
        .filter(s -> !valid(() -> DurationSpec.parse(s)))
        .distinct()
        .limit(200);
    return cases(inputs, t -> run("1", "--timeout=" + t));
  }

  @TestFactory
  Stream<DynamicTest> unknownOptions() {
    return cases(generated(new Random(SEED + 2), 100, 10).map(s -> "--x" + s.replace("=", "")).distinct(),
        o -> run("1", o));
  }

  @TestFactory
  Stream<DynamicTest> nastyLiterals() {
    return cases(Stream.of("", " ", "\t", "0", "-0", "65536", "99999999999999999999999999",
        "-1", "1-", "-1-2", "1--2", "2-1", "1-99999", "0x1F90", "8080.0", " 8080,", "8080,,8081",
        "\u0668\u0660\u0668\u0660", "\uff18\uff10\uff18\uff10", "8\u200b080", "\u001b[31m8080", "8080\n8081",
        "1e3", "+8080", "NaN", "\u221e", "8080;rm -rf /", "$(reboot)", "`id`", "1-1025", "%n%s"),
        CommandLineFuzzTest::run);
  }
}
