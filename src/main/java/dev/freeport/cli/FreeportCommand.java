package dev.freeport.cli;

import dev.freeport.core.Freeport;
import dev.freeport.core.kill.Escalation;
import dev.freeport.core.kill.PortFreer;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortOutcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.render.Formats;
import dev.freeport.render.JsonView;
import dev.freeport.render.Prompt;
import dev.freeport.render.ReportView;
import dev.freeport.render.Terminal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freeport PORT...}: show who holds the ports, ask, stop them, check the ports are free. */
@Command(
    name = "freeport",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Find every process listening on PORT, show it with the tree below it, ask, then stop the "
          + "whole tree: a graceful request first, forced after the timeout. Ends by checking that "
          + "the port is really free."
    },
    exitCodeListHeading = "%nExit codes (several ports: the worst wins):%n")
final class FreeportCommand implements Callable<Integer> {
  /** How long a prompt waits for an answer on a stdin that is not a terminal. */
  static final Duration PIPE_ANSWER_WAIT = Duration.ofSeconds(10);

  private final CliContext ctx;

  @Parameters(paramLabel = "PORT", arity = "0..*",
      description = "Ports to free: 8080, a range 3000-3010, a list 3000,8080, or a mix.")
  List<String> ports = List.of();

  @Option(names = {"-n", "--dry-run"}, description = "Only show who holds the ports; change nothing.")
  boolean dryRun;

  @Option(names = {"-y", "--yes"}, description = "Do not ask; stop what holds the ports.")
  boolean yes;

  @Option(names = {"-f", "--force"}, description = "Skip the graceful request; kill at once.")
  boolean force;

  @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = Converters.Timeout.class,
      defaultValue = "5s", description = "How long to wait for a graceful exit before forcing: 500ms, 5s, 1m, or seconds. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Mixin CommonOptions common;

  FreeportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (ports.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "give at least one PORT, e.g. 'freeport 8080', or use 'freeport list'");
    }
    Freeport freeport = new Freeport(ctx.host().get());
    List<PortFinding> findings = freeport.survey(common.protocols(), Converters.ports(ports));
    Terminal term = Terminal.detect(ctx.stdoutTerminal(), common.noColor, ctx.env());
    ReportView report = new ReportView(term, freeport.privilegeHint(), Instant.now());
    if (dryRun) {
      ExitCode code = ExitCode.worst(findings.stream().map(PortFinding::preview).toList());
      if (common.json) {
        new JsonView(Instant.now()).writeSurvey(findings, code.code(), ctx.out());
      } else {
        report.printSurvey(findings, ctx.out());
      }
      return code.code();
    }
    int count = PortFreer.plan(findings).size();
    boolean ask = count > 0 && !yes;
    if (findings.stream().anyMatch(f -> !f.free()) && (!common.json || ask)) {
      // With --json the survey goes to stderr, so the user still sees what they confirm.
      PrintStream shown = common.json ? ctx.err() : ctx.out();
      report.printSurvey(findings, shown);
      if (count > 0) {
        shown.println(Formats.processes(count) + " to stop.");
      }
    }
    if (ask && !confirmed(count)) {
      return finish(findings.stream().map(PortResult::declined).toList(), report);
    }
    List<PortResult> results = freeport.free(findings, common.protocols(), timeout, force, progress());
    return finish(results, report);
  }

  private boolean confirmed(int count) {
    Duration wait = ctx.stdinTerminal() ? null : PIPE_ANSWER_WAIT;
    Prompt.Answer answer = new Prompt(ctx.in(), ctx.err(), wait).ask("Stop " + Formats.processes(count) + "?");
    switch (answer) {
      case NO_INPUT -> ctx.err().println("No answer (stdin is closed): nothing was stopped. Pass --yes to skip the question.");
      case TIMED_OUT -> ctx.err().println("No answer within " + wait.toSeconds() + "s on stdin (not a terminal): nothing was stopped. Pass --yes to skip the question.");
      case NO -> ctx.err().println("Nothing was stopped.");
      case YES -> {
        return true;
      }
    }
    return false;
  }

  private int finish(List<PortResult> results, ReportView report) {
    ExitCode code = ExitCode.worst(results.stream().map(PortResult::outcome).toList());
    if (common.json) {
      new JsonView(Instant.now()).writeResults(results, code.code(), ctx.out());
    } else if (results.stream().noneMatch(r -> r.outcome() == PortOutcome.DECLINED)) {
      report.printResults(results, ctx.out());
    }
    return code.code();
  }

  private Escalation.Progress progress() {
    if (common.json) {
      return Escalation.Progress.NONE;
    }
    PrintStream err = ctx.err();
    return new Escalation.Progress() {
      @Override
      public void waiting(List<ProcessRef> running, Duration t) {
        err.println("Asked " + Formats.processes(running.size()) + " to exit; waiting up to " + Formats.elapsed(t) + "...");
      }

      @Override
      public void forcing(List<ProcessRef> left) {
        err.println("Forcing " + Formats.processes(left.size()) + ".");
      }
    };
  }
}
