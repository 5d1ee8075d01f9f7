package dev.freeport.render;

import dev.freeport.core.kill.StopMethod;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortOutcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.safety.Verdict;
import dev.freeport.render.Terminal.Style;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Prints who holds each port (before stopping, or for a dry run) and what stopping achieved. */
public final class ReportView {
  private final Terminal term;
  private final String privilegeHint;
  private final Instant now;

  public ReportView(Terminal term, String privilegeHint, Instant now) {
    this.term = term;
    this.privilegeHint = privilegeHint;
    this.now = now;
  }

  /** Every requested port: free, or its sockets and the tree of processes holding it. */
  public void printSurvey(List<PortFinding> findings, PrintStream out) {
    for (PortFinding f : findings) {
      if (f.free()) {
        out.println("Port " + f.port() + ": " + term.style(Style.GOOD, "free"));
        continue;
      }
      out.println(term.style(Style.BOLD, "Port " + f.port()) + " (" + sockets(f.sockets()) + ") is held by:");
      for (ProcessNode holder : f.holders()) {
        printNode(holder, "  ", "  ", out);
      }
      if (f.ownerHidden()) {
        out.println(term.style(Style.WARN, "  a process freeport cannot see (" + privilegeHint + ")"));
      }
    }
  }

  private void printNode(ProcessNode n, String first, String rest, PrintStream out) {
    ProcessInfo p = n.info();
    String head = first + term.style(Style.PID, "PID " + p.pid()) + "  " + term.style(Style.BOLD, Sanitizer.clean(p.name()))
        + "  user " + p.user().map(Sanitizer::clean).orElse("?")
        + "  up " + Formats.uptime(p.started(), now)
        + "  mem " + Formats.bytes(p.memoryBytes());
    if (n.verdict() instanceof Verdict.Refused r) {
      head += "  " + term.style(Style.BAD, "(will not be stopped: " + r.reason() + ")");
    } else if (n.verdict() instanceof Verdict.Skipped s) {
      head += "  " + term.style(Style.WARN, "(skipped: " + s.reason() + ")");
    }
    out.println(head);
    String command = p.command().isEmpty() ? "[" + Sanitizer.clean(p.name()) + "]" : Sanitizer.clean(p.command());
    out.println(rest + "    " + term.style(Style.DIM, command));
    n.advice().ifPresent(a -> out.println(rest + "    " + term.style(Style.WARN,
        "note: " + Sanitizer.clean(a.why()) + "; to free the port for good: " + Sanitizer.clean(a.instead()))));
    for (ProcessNode child : n.children()) {
      printNode(child, rest + "  \\_ ", rest + "     ", out);
    }
  }

  private static String sockets(List<ListeningSocket> sockets) {
    return sockets.stream()
        .map(s -> s.endpoint().protocol().label() + " " + s.endpoint().hostPort())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** What happened to each port after stopping. */
  public void printResults(List<PortResult> results, PrintStream out) {
    for (PortResult r : results) {
      String state = switch (r.outcome()) {
        case FREE -> term.style(Style.GOOD, "was already free");
        case FREED -> term.style(Style.GOOD, "freed") + " in " + Formats.elapsed(r.elapsed());
        default -> term.style(Style.BAD, r.outcome().label()) + (r.detail().isEmpty() ? "" : ": " + Sanitizer.clean(r.detail()));
      };
      out.println("Port " + r.port() + " " + state);
      for (PortResult.Stopped s : r.stopped()) {
        out.println("  " + term.style(Style.PID, "PID " + s.process().pid()) + "  " + Sanitizer.clean(s.process().name())
            + "  " + method(s.method()));
      }
      r.newHolder().ifPresent(h -> out.println("  now held by PID " + h.pid() + " " + Sanitizer.clean(h.name())
          + ", started after the stop"));
      r.supervisor().ifPresent(s -> out.println("  restarted by its parent PID " + s.pid() + ": "
          + Sanitizer.clean(s.command().isEmpty() ? s.name() : s.command())
          + "\n  stop the supervisor's tree instead: freeport " + r.port() + " --parent"));
      if (r.timeWait() > 0) {
        out.println(term.style(Style.DIM, "  " + r.timeWait() + " connection(s) in TIME_WAIT remain; they do not stop a server binding with SO_REUSEADDR"));
      }
      if (r.outcome() == PortOutcome.DENIED || r.outcome() == PortOutcome.HIDDEN) {
        out.println(term.style(Style.WARN, "  " + privilegeHint));
      }
    }
  }

  private String method(StopMethod m) {
    return switch (m) {
      case GRACEFUL -> term.style(Style.GOOD, "exited after the graceful request");
      case FORCED -> term.style(Style.WARN, "killed");
      case GONE -> "had already exited";
      case DENIED -> term.style(Style.BAD, "not permitted to stop it");
      case SURVIVED -> term.style(Style.BAD, "still running after the forced stop");
    };
  }
}
