package dev.freeport.render;

import dev.freeport.core.text.Printable;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.SocketRow;
import dev.freeport.render.Terminal.Style;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the listing as a table: one row per socket and holder. */
public final class ListView {
  private static final String[] HEADER = {"PROTO", "ADDRESS", "PORT", "PID", "USER", "NAME", "COMMAND"};
  private final Terminal term;

  public ListView(Terminal term) {
    this.term = term;
  }

  public void print(List<SocketRow> rows, PrintStream out) {
    List<String[]> cells = new ArrayList<>();
    for (SocketRow r : rows) {
      String proto = r.endpoint().protocol().label() + (r.endpoint().ipv6() ? "6" : "");
      ProcessInfo p = r.process().orElse(null);
      String pid = p == null ? "-" : Long.toString(p.pid());
      String user = p == null || p.user().isEmpty() ? "?" : Printable.clean(p.user().get());
      String name = p == null ? "?" : Printable.clean(p.name());
      String command = p == null ? "(owner not visible)" : Printable.clean(p.command());
      cells.add(new String[] {proto, r.endpoint().address(), Integer.toString(r.endpoint().port()), pid, user, name, command});
    }
    int[] widths = new int[HEADER.length - 1];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = HEADER[i].length();
      for (String[] c : cells) {
        widths[i] = Math.max(widths[i], c[i].length());
      }
    }
    out.println(term.style(Style.BOLD, line(HEADER, widths)));
    for (String[] c : cells) {
      String l = line(c, widths);
      if (term.width() > 0) {
        l = Terminal.fit(l, term.width());
      }
      out.println(c[3].equals("-") ? term.style(Style.WARN, l) : l);
    }
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      b.append(cells[i]);
      b.append(" ".repeat(widths[i] - cells[i].length() + 2));
    }
    return b.append(cells[cells.length - 1]).toString();
  }
}
