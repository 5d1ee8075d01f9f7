package dev.freeport.cli;

import dev.freeport.core.Freeport;
import dev.freeport.core.kill.Escalation;
import dev.freeport.core.kill.PortFreer;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortOutcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.render.Formats;
import dev.freeport.render.JsonView;
import dev.freeport.render.Prompt;
import dev.freeport.render.ReportView;
import dev.freeport.render.Sanitizer;
import dev.freeport.render.StatusLine;
import dev.freeport.render.Terminal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code freeport PORT...}: show who holds the ports, ask, stop them, check the ports are free. */
final class FreeportCommand {
  /** How long a prompt waits for an answer on a stdin that is not a terminal. */
  static final Duration PIPE_ANSWER_WAIT = Duration.ofSeconds(10);

  private final CliContext ctx;
  private boolean json;
  private boolean quiet;
  private Timings timings = Timings.OFF;

  FreeportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  int run(Args args) throws InterruptedException {
    if (!args.hasPorts()) {
      throw new CliException(ExitCode.USAGE, "give at least one PORT, e.g. 'freeport 8080', or use 'freeport list'");
    }
    PortSet ports = args.ports();
    Duration timeout = args.timeout();
    Set<Protocol> protocols = args.protocols();
    json = args.flag(CommandModel.JSON);
    quiet = args.flag(CommandModel.QUIET) && !json;
    if (args.flag(CommandModel.DEBUG)) {
      timings = new Timings(ctx.err());
    }
    Freeport freeport = new Freeport(ctx.host().get());
    if (!args.flag(CommandModel.DRY_RUN)) {
      freeport.prepareToStop();
    }
    HolderFilter filter = new HolderFilter(Optional.ofNullable(args.value(CommandModel.USER)),
        Optional.ofNullable(args.value(CommandModel.NAME)));
    List<PortFinding> findings = freeport.survey(protocols, ports, filter, args.flag(CommandModel.PARENT));
    timings.mark("survey");
    Terminal term = Terminal.detect(ctx.stdoutTerminal(), args.flag(CommandModel.NO_COLOR), ctx.env());
    ReportView report = new ReportView(term, freeport.privilegeHint(), Instant.now());
    if (args.flag(CommandModel.DRY_RUN)) {
      ExitCode code = ExitCode.worst(findings.stream().map(PortFinding::preview).toList());
      if (json) {
        new JsonView(Instant.now()).writeSurvey(findings, code.code(), ctx.out());
      } else if (quiet) {
        findings.stream().filter(f -> !f.free()).forEach(f -> ctx.err().println(
            "freeport: port " + f.port() + " is " + f.preview().label()));
      } else {
        report.printSurvey(findings, ctx.out());
      }
      return code.code();
    }
    try (InterruptNotice notice = new InterruptNotice(ctx.err())) {
      return stop(freeport, findings, args, protocols, timeout, report, notice);
    }
  }

  private int stop(Freeport freeport, List<PortFinding> findings, Args args, Set<Protocol> protocols,
      Duration timeout, ReportView report, InterruptNotice notice) throws InterruptedException {
    int count = PortFreer.plan(findings).size();
    boolean ask = count > 0 && !args.flag(CommandModel.YES);
    if (findings.stream().anyMatch(f -> !f.free()) && (!json || ask) && !quiet) {
      // With --json the survey goes to stderr, so the user still sees what they confirm.
      PrintStream shown = json ? ctx.err() : ctx.out();
      report.printSurvey(findings, shown);
      if (count > 0) {
        shown.println(Formats.processes(count) + " to stop.");
      }
    }
    if (ask && !confirmed(count)) {
      return finish(findings.stream().map(PortResult::declined).toList(), report);
    }
    timings.mark("show and ask");
    Map<Long, String> names = new HashMap<>();
    findings.forEach(f -> f.processes().forEach(n -> names.put(n.info().pid(), n.info().name() + " " + n.info().pid())));
    StatusLine status = new StatusLine(ctx.err(), Terminal.detect(true, args.flag(CommandModel.NO_COLOR), ctx.env()));
    List<PortResult> results;
    try {
      results = freeport.free(findings, protocols, timeout, args.flag(CommandModel.FORCE),
          progress(status, names, notice));
    } finally {
      status.stop();
    }
    timings.mark("stop and verify");
    int code = finish(results, report);
    timings.mark("report");
    return code;
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
    if (json) {
      new JsonView(Instant.now()).writeResults(results, code.code(), ctx.out());
    } else if (quiet) {
      for (PortResult r : results) {
        if (!r.outcome().free()) {
          ctx.err().println("freeport: port " + r.port() + " " + r.outcome().label()
              + (r.detail().isEmpty() ? "" : ": " + Sanitizer.clean(r.detail())));
        }
      }
    } else if (results.stream().noneMatch(r -> r.outcome() == PortOutcome.DECLINED)) {
      report.printResults(results, ctx.out());
    }
    return code.code();
  }

  private static String pids(List<ProcessRef> refs) {
    StringBuilder b = new StringBuilder();
    for (ProcessRef r : refs) {
      b.append(b.length() == 0 ? "" : ", ").append(r.pid());
    }
    return b.toString();
  }

  /**
   * On a terminal, a live status line while waiting; otherwise one plain line per phase. Nothing
   * with --quiet or --json.
   */
  private Escalation.Progress progress(StatusLine status, Map<Long, String> names, InterruptNotice notice) {
    PrintStream err = ctx.err();
    boolean live = ctx.stderrTerminal();
    boolean silent = json || quiet;
    return new Escalation.Progress() {
      @Override
      public void waiting(List<ProcessRef> running, Duration t) {
        notice.state("asked " + Formats.processes(running.size()) + " to exit (PID " + pids(running)
            + "); nothing was forced and the port was not checked");
        if (silent) {
          return;
        }
        if (!live) {
          err.println("Asked " + Formats.processes(running.size()) + " to exit; waiting up to " + Formats.elapsed(t) + "...");
          return;
        }
        long deadline = System.nanoTime() + t.toNanos();
        status.start(() -> StatusLine.waiting(
            running.stream().filter(r -> ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false))
                .map(r -> names.getOrDefault(r.pid(), Long.toString(r.pid()))).toList(),
            Duration.ofNanos(deadline - System.nanoTime())));
      }

      @Override
      public void forcing(List<ProcessRef> left) {
        notice.state("was forcing " + Formats.processes(left.size()) + " (PID " + pids(left)
            + "); the port was not checked");
        if (silent) {
          return;
        }
        status.stop();
        err.println("Forcing " + Formats.processes(left.size()) + ".");
      }
    };
  }
}
