package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@link QuickArgs} must give exactly what picocli gives for every command line it takes, and
 * leave the rest to picocli. Both read {@link OptionTable}, and so does this test: every option
 * the table marks quick is recognised in every command that has it, in every spelling; every
 * other option, and every spelling the fast path does not read, goes to picocli, which gives the
 * same values. Then 30,000 generated command lines (a fixed seed; each distinct one checked once) made
 * of every spelling of every
 * option in the table, values, ports, subcommand names, clusters, repeats, argument files and
 * empty strings.
 */
class QuickArgsTest {
  /** The commands the fast path takes: the root (null) and {@code list}. */
  private static final List<Command> QUICK_COMMANDS = Arrays.asList(null, Command.LIST);
  private static final List<String> TOKENS = tokens();

  /** Every option's every spelling, attached values too, and the other words that matter. */
  private static List<String> tokens() {
    List<String> t = new ArrayList<>(List.of("8080", "3000-3010", "3000,8080", "0", "65536", "x", "freeport",
        "root", "java*", "INT", "2s", "8000-8099", "--", "-", "@args", "", " ", "--unknown", "-x", "--dry",
        "--signal=-9", "-yq", "-nq", "-t2s", "bash"));
    for (Command c : Command.values()) {
      t.add(c.label());
    }
    for (OptionTable o : OptionTable.values()) {
      t.addAll(List.of(o.names()));
      t.add(o.longName() + "=" + (o.kind() == OptionTable.Kind.VALUE ? "2s" : "true"));
      t.add(o.longName() + "=");
    }
    return t;
  }

  @Test
  void takesTheEverydayCommandLines() {
    for (String line : List.of("8080", "3000 --yes --quiet", "3000 -y -q", "8080 --dry-run", "8080 -n --json",
        "3000-3010,8080 --yes --timeout 2s", "8080 --timeout=500ms -s INT --watch 0", "8080 --user bob --name java*",
        "8080 --udp --tcp --no-color --debug", "8080 --parent -f -y", "list", "list --json", "list 8080 --udp",
        "list --tcp --udp --json --no-color", "", "--yes")) {
      String[] args = line.isEmpty() ? new String[0] : line.split(" ");
      QuickArgs quick = QuickArgs.recognise(args);
      assertNotNull(quick, line);
      assertSameAsPicocli(args, quick);
    }
  }

  @Test
  void leavesTheRestToPicocli() {
    for (String line : List.of("--help", "8080 -h", "--version", "find", "find 3000", "completion bash",
        "8080 -yq", "8080 -t2s", "8080 --yes --yes", "8080 --user a --user b", "8080 --user", "8080 --user --yes",
        "8080 --json=true", "@args", "8080 --", "8080 --range 1-2", "list --yes", "list --user bob",
        "8080 list", "8080 --name list", "8080 --unknown", "-1")) {
      assertNull(QuickArgs.recognise(line.split(" ")), line);
    }
    assertNull(QuickArgs.recognise("8080", ""));
  }

  @Test
  void everyQuickOptionIsRecognisedInEveryCommandThatHasIt() {
    int checked = 0;
    for (Command command : QUICK_COMMANDS) {
      for (OptionTable o : OptionTable.values()) {
        if (!o.quick() || !o.in(command)) {
          continue;
        }
        for (List<String> spelling : spellings(o)) {
          List<String> args = new ArrayList<>();
          if (command != null) {
            args.add(command.label());
          }
          args.add("8080");
          args.addAll(spelling);
          String[] a = args.toArray(new String[0]);
          QuickArgs quick = QuickArgs.recognise(a);
          assertNotNull(quick, String.join(" ", a));
          assertSameAsPicocli(a, quick);
          checked++;
        }
      }
    }
    assertTrue(checked >= 30, "checked: " + checked);
  }

  @Test
  void anOptionACommandDoesNotHaveIsPicocliSToReject() {
    for (Command command : QUICK_COMMANDS) {
      for (OptionTable o : OptionTable.values()) {
        if (o.in(command)) {
          continue;
        }
        for (List<String> spelling : spellings(o)) {
          List<String> args = new ArrayList<>();
          if (command != null) {
            args.add(command.label());
          }
          args.addAll(spelling);
          String[] a = args.toArray(new String[0]);
          assertNull(QuickArgs.recognise(a), String.join(" ", a));
          assertThrows(CommandLine.ParameterException.class, () -> Command.commandLine().parseArgs(a),
              String.join(" ", a));
        }
      }
    }
  }

  @Test
  void everyOtherOptionAndSpellingGoesToPicocliWithTheSameMeaning() {
    for (OptionTable o : OptionTable.values()) {
      if (!o.quick()) {
        for (String name : o.names()) {
          assertNull(QuickArgs.recognise("8080", name), name);
        }
      }
    }
    for (Command c : Command.values()) {
      if (!QUICK_COMMANDS.contains(c)) {
        assertNull(QuickArgs.recognise(c.label()), c.label());
      }
    }
    // Spellings the fast path does not read (a cluster, a value attached to a short name) mean
    // to picocli what the spelled-out form means to the fast path.
    for (OptionTable a : OptionTable.values()) {
      if (!a.quick() || !a.in(null) || a.shortName() == null) {
        continue;
      }
      if (a.kind() == OptionTable.Kind.VALUE) {
        assertSameMeaning(List.of("8080", a.shortName() + valueFor(a)), List.of("8080", a.shortName(), valueFor(a)));
        continue;
      }
      for (OptionTable b : OptionTable.values()) {
        if (b != a && b.quick() && b.in(null) && b.shortName() != null) {
          String last = b.kind() == OptionTable.Kind.VALUE ? valueFor(b) : null;
          List<String> cluster = new ArrayList<>(List.of("8080", a.shortName() + b.shortName().substring(1)));
          List<String> apart = new ArrayList<>(List.of("8080", a.shortName(), b.shortName()));
          if (last != null) {
            cluster.add(last);
            apart.add(last);
          }
          assertSameMeaning(cluster, apart);
        }
      }
    }
  }

  @Test
  void picocliHasExactlyTheTablesOptionsInEachCommand() {
    List<Command> every = new ArrayList<>(QUICK_COMMANDS);
    every.addAll(List.of(Command.FIND, Command.COMPLETION));
    for (Command command : every) {
      CommandSpec spec = command == null ? CommandModel.root() : command.spec();
      List<String> expected = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (OptionTable o : OptionTable.values()) {
        if (o.in(command)) {
          expected.add(o.longName());
          for (String n : o.names()) {
            assertTrue(names.add(n), "one option per name: " + n);
          }
        }
      }
      List<String> actual = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        actual.add(o.longestName());
      }
      assertEquals(expected, actual, spec.name());
    }
  }

  @Test
  void agreesWithPicocliOnGeneratedCommandLines() {
    Random random = new Random(20261124L);
    Set<List<String>> seen = new HashSet<>();
    int taken = 0;
    for (int n = 0; n < 30_000; n++) {
      List<String> args = new ArrayList<>();
      int length = random.nextInt(6);
      for (int k = 0; k < length; k++) {
        // A port a third of the time: lines of options only would rarely be ones the fast path takes.
        args.add(random.nextInt(3) == 0 ? "8080" : TOKENS.get(random.nextInt(TOKENS.size())));
      }
      if (!seen.add(args)) {
        continue; // picocli is slow to build: each distinct line once
      }
      String[] a = args.toArray(new String[0]);
      QuickArgs quick = QuickArgs.recognise(a);
      if (quick != null) {
        assertSameAsPicocli(a, quick);
        taken++;
      }
    }
    // The generator must exercise the quick path, not only the fallback.
    assertTrue(taken > 1_000, "distinct lines taken: " + taken);
  }

  /** The ways to give one option: each name, and for an option with a value its long name with =. */
  private static List<List<String>> spellings(OptionTable o) {
    List<List<String>> out = new ArrayList<>();
    for (String name : o.names()) {
      out.add(o.kind() == OptionTable.Kind.VALUE ? List.of(name, valueFor(o)) : List.of(name));
    }
    if (o.kind() == OptionTable.Kind.VALUE) {
      out.add(List.of(o.longName() + "=" + valueFor(o)));
    }
    return out;
  }

  /** A value other than the default, so a value that was not read shows. */
  private static String valueFor(OptionTable o) {
    return o.candidates() != null ? o.candidates().get(o.candidates().size() - 1) : "7";
  }

  private static void assertSameMeaning(List<String> picocliOnly, List<String> quickForm) {
    String[] p = picocliOnly.toArray(new String[0]);
    assertNull(QuickArgs.recognise(p), String.join(" ", p));
    QuickArgs quick = QuickArgs.recognise(quickForm.toArray(new String[0]));
    assertNotNull(quick, String.join(" ", quickForm));
    assertSameAsPicocli(p, quick);
  }

  private static void assertSameAsPicocli(String[] args, QuickArgs quick) {
    String line = String.join(" ", args);
    ParseResult parsed;
    try {
      parsed = Command.commandLine().parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("quick took what picocli rejects: [" + line + "]: " + e.getMessage(), e);
    }
    ParseResult chosen = parsed.hasSubcommand() ? parsed.subcommand() : parsed;
    assertEquals(chosen.commandSpec().name(), quick.command() == null ? "freeport" : quick.command().label(), line);
    Given picocli = PicocliRun.given(chosen);
    assertEquals(picocli.positional(), quick.positional(), line);
    for (OptionTable o : OptionTable.values()) {
      if (o.kind() == OptionTable.Kind.VALUE) {
        assertEquals(picocli.value(o), quick.value(o), line + ": " + o.longName());
      } else {
        assertEquals(picocli.flag(o), quick.flag(o), line + ": " + o.longName());
      }
    }
  }
}
