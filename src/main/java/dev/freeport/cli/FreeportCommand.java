package dev.freeport.cli;

import dev.freeport.core.text.Printable;
import dev.freeport.core.Freeport;
import dev.freeport.core.engine.Deadlines;
import dev.freeport.core.engine.Plan;
import dev.freeport.core.engine.Stop;
import dev.freeport.core.engine.StopProgress;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Status;
import dev.freeport.core.process.Supervisors;
import dev.freeport.render.Formats;
import dev.freeport.render.JsonView;
import dev.freeport.render.Prompt;
import dev.freeport.render.ReportView;
import dev.freeport.render.StatusLine;
import dev.freeport.render.Terminal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.freeport.core.model.PortSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** {@code freeport PORT...}: show who holds the ports, ask, stop them, check the ports are free. */
final class FreeportCommand {
  private final CliContext ctx;

  FreeportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  int run(Options given) throws InterruptedException, java.io.IOException {
    boolean interactive = ctx.stdinTerminal() && ctx.stdoutTerminal();
    if (!given.portsGiven() && !interactive) {
      throw new CliException(ExitCode.USAGE, "give at least one PORT, e.g. 'freeport 8080', or use 'freeport list'"
          + " (on a terminal, 'freeport' alone opens a picker)");
    }
    if (!given.portsGiven() && "dumb".equals(ctx.env().get("TERM"))) {
      throw new CliException(ExitCode.USAGE, "the picker needs a terminal that can move the cursor (TERM=dumb);"
          + " give a PORT, e.g. 'freeport 8080', or use 'freeport list'");
    }
    Timings timings = given.debug() ? new Timings(ctx.err()) : Timings.OFF;
    Freeport freeport = ctx.freeport().get();
    freeport.checkGraceful(given.graceful());
    Options o = given;
    if (!given.portsGiven()) {
      Optional<PortSet> picked = new Picker(freeport, given.protocols(),
          Terminal.detect(true, given.noColor(), ctx.env())).pick();
      if (picked.isEmpty()) {
        ctx.err().println("Nothing was picked; nothing was touched.");
        return ExitCode.DECLINED.code();
      }
      o = given.withPorts(picked.get());
    }
    if (!o.dryRun()) {
      freeport.prepareToStop();
    }
    Plan plan = freeport.survey(o.protocols(), o.ports(), o.filter(), o.parent());
    timings.mark("survey");
    Terminal term = Terminal.detect(ctx.stdoutTerminal(), o.noColor(), ctx.env());
    ReportView report = new ReportView(term, freeport.privilegeHint(), plan.surveyedAt());
    if (o.dryRun()) {
      return finish(freeport.preview(plan), plan, o, report, true);
    }
    AtomicReference<Stop> stop = new AtomicReference<>();
    List<PortResult> results;
    try (InterruptNotice notice = new InterruptNotice(ctx.err(), new Supplier<String>() {
      @Override
      public String get() {
        return stop.get() == null ? "nothing was stopped" : interrupted(stop.get().abort());
      }
    })) {
      boolean ask = !plan.isEmpty() && !o.yes();
      if (plan.anyBusy() && (!o.json() || ask) && !o.quiet()) {
        // With --json the survey goes to stderr, so the user still sees what they confirm.
        PrintStream shown = o.json() ? ctx.err() : ctx.out();
        report.printSurvey(plan.findings(), shown);
        if (!plan.isEmpty()) {
          shown.println(Formats.processes(plan.size()) + " to stop.");
        }
      }
      if (ask && !confirmed(plan.size())) {
        return finish(freeport.declined(plan), plan, o, report, false);
      }
      timings.mark("show and ask");
      StatusLine status = new StatusLine(ctx.err(), Terminal.detect(true, o.noColor(), ctx.env()));
      stop.set(freeport.stop(plan, o.stop(), progress(plan, status, o)));
      try {
        results = stop.get().run();
      } finally {
        status.stop();
      }
    }
    timings.mark("stop and verify");
    int code = finish(results, plan, o, report, false);
    timings.mark("report");
    return code;
  }

  /** The one line an interrupted run leaves on stderr: what had been done, as counts. */
  static String interrupted(Stop.Interrupted i) {
    if (!i.signalled()) {
      return "nothing was stopped";
    }
    if (i.forcing()) {
      return "was forcing; finished the kill of the " + Formats.processes(i.killed())
          + " it had frozen or was about to force, so none is left frozen; the port was not checked";
    }
    return "asked " + Formats.processes(i.asked()) + " to exit; none was forced, none is frozen; the port was not checked";
  }

  private boolean confirmed(int count) {
    Duration wait = ctx.stdinTerminal() ? null : Deadlines.PIPED_ANSWER;
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

  private int finish(List<PortResult> results, Plan plan, Options o, ReportView report, boolean dryRun) {
    List<Status> statuses = new ArrayList<>(results.size());
    boolean declined = false;
    for (PortResult r : results) {
      statuses.add(r.outcome().status());
      declined |= r.outcome().status() == Status.DECLINED;
    }
    ExitCode code = ExitCode.of(Status.worst(statuses));
    if (o.json()) {
      new JsonView(plan.surveyedAt()).writeResults(results, dryRun, code.code(), ctx.out());
    } else if (o.quiet()) {
      for (PortResult r : results) {
        if (r.outcome().status() != Status.FREE) {
          String detail = r.outcome().detail();
          ctx.err().println("freeport: port " + r.port() + " " + r.outcome().label()
              + (detail.isEmpty() ? "" : ": " + Printable.clean(detail)));
        }
      }
    } else if (dryRun) {
      report.printSurvey(plan.findings(), ctx.out());
    } else if (!declined) {
      report.printResults(results, ctx.out());
    }
    return code.code();
  }

  /**
   * On a terminal, a live status line while waiting; otherwise one plain line per phase. Nothing
   * with --quiet or --json.
   */
  private StopProgress progress(Plan plan, StatusLine status, Options o) {
    PrintStream err = ctx.err();
    boolean live = ctx.stderrTerminal();
    boolean silent = o.json() || o.quiet();
    Map<Long, String> names = new HashMap<>();
    for (ProcessInfo p : plan.targets()) {
      names.put(p.pid(), p.name() + " " + p.pid());
    }
    return new StopProgress() {
      @Override
      public void waiting(List<ProcessRef> running, Duration t) {
        if (silent) {
          return;
        }
        if (!live) {
          err.println("Asked " + Formats.processes(running.size()) + " to exit; waiting up to " + Formats.elapsed(t) + "...");
          return;
        }
        long deadline = System.nanoTime() + t.toNanos();
        status.start(new Supplier<String>() {
          @Override
          public String get() {
            List<String> alive = new ArrayList<>();
            for (ProcessRef r : running) {
              Optional<ProcessHandle> h = ProcessHandle.of(r.pid());
              if (h.isPresent() && h.get().isAlive()) {
                String name = names.get(r.pid());
                alive.add(name != null ? name : Long.toString(r.pid()));
              }
            }
            return StatusLine.waiting(alive, Duration.ofNanos(deadline - System.nanoTime()));
          }
        });
      }

      @Override
      public void watching(List<Supervisors.Parent> parents, Duration window) {
        if (silent) {
          return;
        }
        status.stop();
        StringBuilder who = new StringBuilder();
        for (int i = 0; i < Math.min(3, parents.size()); i++) {
          Supervisors.Parent p = parents.get(i);
          who.append(i > 0 ? ", " : "").append(Printable.clean(p.what())).append(" (PID ").append(p.parent().pid())
              .append(')');
        }
        if (parents.size() > 3) {
          who.append(" and ").append(parents.size() - 3).append(" more");
        }
        err.println("Watching " + who + " for a restart, up to " + Formats.elapsed(window) + "...");
      }

      @Override
      public void forcing(List<ProcessRef> left) {
        if (silent) {
          return;
        }
        status.stop();
        err.println("Forcing " + Formats.processes(left.size()) + ".");
      }
    };
  }
}
