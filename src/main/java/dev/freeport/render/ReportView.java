package dev.freeport.render;

import dev.freeport.core.text.Printable;
import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.Ending;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.Verdict;
import dev.freeport.render.Terminal.Style;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
      if (f.sockets().isEmpty() && f.check() instanceof BindCheck.Unverified u) {
        out.println(term.style(Style.BOLD, "Port " + f.port()) + ": " + term.style(Style.WARN, "cannot check")
            + ": " + Printable.clean(u.why()));
        continue;
      }
      if (f.sockets().isEmpty()) {
        String why = "";
        if (f.unbindable().isPresent()) {
          why = Printable.clean(f.unbindable().get().why()) + "; " + Printable.clean(f.unbindable().get().instead());
        }
        out.println(term.style(Style.BOLD, "Port " + f.port()) + ": " + term.style(Style.BAD, "busy") + ": " + why);
        continue;
      }
      out.println(term.style(Style.BOLD, "Port " + f.port()) + " (" + sockets(f.sockets()) + ") is held by:");
      boolean collapse = f.processes().size() > COLLAPSE_FROM;
      for (ProcessNode holder : f.holders()) {
        printNode(holder, "  ", "  ", out, collapse);
      }
      if (f.ownerHidden()) {
        out.println(term.style(Style.WARN, "  " + (f.holders().isEmpty() ? "" : "perhaps also ")
            + "a process freeport cannot see (" + privilegeHint + ")"));
      } else if (f.holders().isEmpty()) {
        out.println(term.style(Style.WARN, "  " + ListeningSocket.NO_HOLDER));
      }
    }
  }

  /** A plan bigger than this shows each holder with a count per name below it, not line by line. */
  static final int COLLAPSE_FROM = 40;

  private void printNode(ProcessNode n, String first, String rest, PrintStream out, boolean collapse) {
    ProcessInfo p = n.info();
    String head = first + term.style(Style.PID, "PID " + p.pid()) + "  " + term.style(Style.BOLD, Printable.clean(p.name()))
        + "  user " + (p.user().isPresent() ? Printable.clean(p.user().get()) : "?")
        + "  up " + Formats.uptime(p.started(), now)
        + "  mem " + Formats.bytes(p.memoryBytes());
    if (n.verdict() instanceof Verdict.Refused r) {
      head += "  " + term.style(Style.BAD, "(will not be stopped: " + r.reason() + ")");
    } else if (n.verdict() instanceof Verdict.Skipped s) {
      head += "  " + term.style(Style.WARN, "(skipped: " + s.reason() + ")");
    }
    out.println(head);
    String command = p.command().isEmpty() ? "[" + Printable.clean(p.name()) + "]" : Printable.clean(p.command());
    out.println(rest + "    " + term.style(Style.DIM, command));
    if (n.advice().isPresent()) {
      out.println(rest + "    " + term.style(Style.WARN, "note: " + Printable.clean(n.advice().get().why())
          + "; to free the port for good: " + Printable.clean(n.advice().get().instead())));
    }
    if (collapse) {
      java.util.Map<String, Long> names = new java.util.TreeMap<>();
      long total = 0;
      long refused = 0;
      for (ProcessNode child : n.children()) {
        for (ProcessNode c : child.subtree()) {
          String name = Printable.clean(c.info().name());
          Long seen = names.get(name);
          names.put(name, seen == null ? 1L : seen + 1);
          total++;
          refused += c.verdict().allowed() ? 0 : 1;
        }
      }
      if (total > 0) {
        StringBuilder counts = new StringBuilder();
        for (java.util.Map.Entry<String, Long> e : names.entrySet()) {
          counts.append(counts.length() > 0 ? ", " : "").append(e.getValue()).append(' ').append(e.getKey());
        }
        out.println(rest + "  \\_ " + Formats.processes(total) + " below it: " + counts
            + (refused > 0 ? term.style(Style.BAD, " (" + refused + " will not be stopped)") : ""));
      }
      return;
    }
    for (ProcessNode child : n.children()) {
      printNode(child, rest + "  \\_ ", rest + "     ", out, false);
    }
  }

  private static String sockets(List<ListeningSocket> sockets) {
    Set<String> shown = new LinkedHashSet<>();
    for (ListeningSocket s : sockets) {
      shown.add(s.endpoint().protocol().label() + " " + s.endpoint().hostPort() + label(s.kind()));
    }
    return String.join(", ", shown);
  }

  /** What a socket that is not a listener is, after its address. */
  private static String label(ListeningSocket.Kind kind) {
    return switch (kind) {
      case LISTENING -> "";
      case CONNECTION -> " (a connection)";
      case BOUND -> " (bound, not listening)";
    };
  }

  /** What happened to each port after stopping. */
  public void printResults(List<PortResult> results, PrintStream out) {
    for (PortResult r : results) {
      Outcome o = r.outcome();
      String state;
      if (o instanceof Outcome.Free) {
        state = term.style(Style.GOOD, "was already free");
      } else if (o instanceof Outcome.Freed) {
        state = term.style(Style.GOOD, "freed") + " in " + Formats.elapsed(r.elapsed());
      } else {
        state = term.style(Style.BAD, o.label()) + (o.detail().isEmpty() ? "" : ": " + Printable.clean(o.detail()));
      }
      out.println("Port " + r.port() + " " + state);
      for (PortResult.Stopped s : r.stopped()) {
        out.println("  " + term.style(Style.PID, "PID " + s.process().pid()) + "  " + Printable.clean(s.process().name())
            + "  " + ending(s.ending()));
      }
      if (o instanceof Outcome.Respawned re) {
        if (re.supervisor().isPresent()) {
          ProcessInfo s = re.supervisor().get();
          out.println("  restarted by " + Printable.clean(re.what()) + ", PID " + s.pid()
              + ": " + Printable.clean(s.command().isEmpty() ? s.name() : s.command()));
        }
      }
      if (r.timeWait() > 0 && o.status() == dev.freeport.core.model.Status.FREE) {
        out.println(term.style(Style.DIM, "  " + r.timeWait() + " connection(s) in TIME_WAIT remain; they do not stop a server binding with SO_REUSEADDR"));
      }
      if (o instanceof Outcome.Denied || o instanceof Outcome.Hidden) {
        out.println(term.style(Style.WARN, "  " + privilegeHint));
      }
    }
  }

  private String ending(Ending e) {
    return switch (e) {
      case EXITED_ON_REQUEST -> term.style(Style.GOOD, "exited after the graceful request");
      case KILLED -> term.style(Style.WARN, "killed");
      case ALREADY_EXITED -> "had already exited";
      case NOT_PERMITTED -> term.style(Style.BAD, "not permitted to stop it");
      case SURVIVED_KILL -> term.style(Style.BAD, "still running after the forced kill");
    };
  }
}
