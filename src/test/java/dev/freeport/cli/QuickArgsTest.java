package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@link QuickArgs} must give exactly what picocli gives for every command line it takes, and
 * leave the rest to picocli. Checked on the everyday forms and on 20,000 generated command lines
 * (a fixed seed) made of the tokens that matter: every option spelling, values, ports,
 * subcommand names, clusters, attached values, repeats, argument files and empty strings.
 */
class QuickArgsTest {
  private static final List<String> FLAGS = List.of(CommandModel.DRY_RUN, CommandModel.YES, CommandModel.FORCE,
      CommandModel.QUIET, CommandModel.PARENT, CommandModel.TCP, CommandModel.UDP, CommandModel.JSON,
      CommandModel.NO_COLOR, CommandModel.DEBUG);
  private static final List<String> VALUED = List.of(CommandModel.USER, CommandModel.NAME, CommandModel.SIGNAL,
      CommandModel.WATCH, CommandModel.TIMEOUT, CommandModel.RANGE);
  private static final List<String> TOKENS = List.of(
      "8080", "3000-3010", "3000,8080", "0", "65536", "x", "list", "find", "completion", "freeport",
      "-n", "--dry-run", "-y", "--yes", "-f", "--force", "-q", "--quiet", "--parent", "--tcp", "--udp", "--json",
      "--no-color", "--debug", "--user", "root", "--name", "java*", "-s", "--signal", "INT", "--watch", "0",
      "-t", "--timeout", "2s", "--timeout=2s", "--user=", "--name=node", "-s=INT", "-t2s", "-yq", "-nq", "--json=true",
      "--range", "8000-8099", "--", "-", "@args", "", "-h", "--help", "-V", "--version", "--unknown", "-x",
      "--signal=-9", "bash", " ", "--yes=", "--dry");

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
  void agreesWithPicocliOnGeneratedCommandLines() {
    Random random = new Random(20261124L);
    int taken = 0;
    for (int n = 0; n < 20_000; n++) {
      List<String> args = new ArrayList<>();
      int length = random.nextInt(6);
      for (int k = 0; k < length; k++) {
        args.add(TOKENS.get(random.nextInt(TOKENS.size())));
      }
      String[] a = args.toArray(new String[0]);
      QuickArgs quick = QuickArgs.recognise(a);
      if (quick != null) {
        assertSameAsPicocli(a, quick);
        taken++;
      }
    }
    // The generator must exercise the quick path, not only the fallback.
    assertEquals(true, taken > 2_000, "taken: " + taken);
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
    Given picocli = Given.of(chosen);
    assertEquals(picocli.positional(), quick.positional(), line);
    for (String flag : FLAGS) {
      assertEquals(picocli.flag(flag), quick.flag(flag), line + ": " + flag);
    }
    for (String option : VALUED) {
      assertEquals(picocli.value(option, "(none)"), quick.value(option, "(none)"), line + ": " + option);
    }
  }
}
