package dev.freeport.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders freeport(1) in roff from the same command model as --help, so the two cannot drift.
 * The build runs {@link #main} to write target/freeport.1.
 */
public final class ManPage {
  private ManPage() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/freeport.1");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, render(), StandardCharsets.UTF_8);
  }

  static String render() throws IOException {
    StringBuilder m = new StringBuilder();
    String version = new Version().getVersion()[0].replace("freeport ", "");
    m.append(".TH FREEPORT 1 \"\" \"freeport ").append(version).append("\" \"User Commands\"\n");
    m.append(".SH NAME\nfreeport \\- find and stop whatever holds a TCP or UDP port, safely\n");
    m.append(".SH SYNOPSIS\n");
    m.append(".B freeport\n[\\fIOPTIONS\\fR] \\fIPORT\\fR...\n.br\n");
    m.append(".B freeport list\n[\\fIOPTIONS\\fR] [\\fIPORT\\fR...]\n.br\n");
    m.append(".B freeport find\n[\\fIPORT\\fR] [\\fB\\-\\-range\\fR \\fIFROM\\-TO\\fR]\n.br\n");
    m.append(".B freeport completion\n\\fBbash\\fR|\\fBzsh\\fR|\\fBfish\\fR|\\fBpowershell\\fR\n");
    CommandSpec root = CommandModel.root();
    m.append(".SH DESCRIPTION\n").append(escape(String.join(" ", root.usageMessage().description()))).append('\n');
    m.append(".PP\nPORT is a number (8080), an inclusive range (3000\\-3010), a comma list "
        + "(3000,8080), or a mix; 1 to 65535, at most 1024 ports in one range.\n");
    m.append(".SH OPTIONS\n");
    options(m, root);
    for (Command c : Command.values()) {
      CommandSpec sub = c.spec();
      m.append(".SH COMMAND: ").append(sub.name().toUpperCase(java.util.Locale.ROOT)).append('\n');
      m.append(escape(String.join(" ", sub.usageMessage().description()))).append('\n');
      for (PositionalParamSpec p : sub.positionalParameters()) {
        m.append(".TP\n.I ").append(p.paramLabel()).append('\n').append(escape(String.join(" ", p.description()))).append('\n');
      }
      options(m, sub);
    }
    m.append(".SH EXIT STATUS\nSeveral ports: the worst outcome decides.\n");
    for (Map.Entry<String, String> e : ExitCode.helpList().entrySet()) {
      m.append(".TP\n.B ").append(e.getKey().strip()).append('\n').append(escape(e.getValue())).append('\n');
    }
    m.append(".SH ENVIRONMENT\n");
    m.append(".TP\n.B NO_COLOR\nNo colours when set and not empty.\n");
    m.append(".TP\n.B FREEPORT_JAVA\nThe java to run (scripts/freeport and the installed launcher).\n");
    m.append(".TP\n.B FREEPORT_CDS\n0 turns the start\\-up class archive off.\n");
    m.append(".SH EXAMPLES\n");
    m.append(".TP\n.B freeport 8080\nShow what holds port 8080, ask, stop it and its children, check the port.\n");
    m.append(".TP\n.B freeport 3000 \\-\\-yes \\-\\-quiet\nIn a pre\\-start hook: no question, no output unless the port stays busy.\n");
    m.append(".TP\n.B freeport 8080 \\-\\-dry\\-run \\-\\-json\nWho holds it, as JSON; changes nothing.\n");
    m.append(".TP\n.B freeport find 3000\nThe first free port from 3000.\n");
    m.append(".SH SEE ALSO\n.BR ss (8),\n.BR lsof (8),\n.BR fuser (1),\n.BR kill (1)\n");
    return m.toString();
  }

  private static void options(StringBuilder m, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      m.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
      if (o.arity().max() > 0) {
        m.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
      }
      m.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
    }
  }

  /** roff: a backslash and a leading dot or quote mean something; hyphens are minus signs. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }
}
