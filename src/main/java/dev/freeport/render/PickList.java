package dev.freeport.render;

import dev.freeport.core.text.Printable;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.SocketRow;
import dev.freeport.render.Terminal.Style;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interactive picker's state and screen: one row per listening port, a filter typed by the
 * user (fuzzy: its characters in order anywhere in port, name, user and command), a cursor and
 * marks. Pure: keys come in as calls, lines go out, so it is tested on plain data.
 */
public final class PickList {
  /** One port as the picker shows it; every text is already sanitised. */
  public record Row(String proto, int port, String pid, String name, String user, String uptime, String command) {
    String key() {
      return proto + ":" + port;
    }

    /**
     * Digits pick ports by their beginning (or a command line that names the number); anything
     * else is fuzzy: the filter's characters in order within one of name, user, command, protocol.
     */
    boolean matches(String filter) {
      String f = filter.toLowerCase(Locale.ROOT);
      if (f.isEmpty()) {
        return true;
      }
      if (f.chars().allMatch(Character::isDigit)) {
        return Integer.toString(port).startsWith(f) || command.contains(f);
      }
      for (String field : new String[] {name, user, command, proto}) {
        if (subsequence(field.toLowerCase(Locale.ROOT), f)) {
          return true;
        }
      }
      return false;
    }
  }

  private List<Row> rows;
  private final Set<String> marked = new LinkedHashSet<>();
  private String filter = "";
  private int cursor;
  private int top;

  public PickList(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** One row per (protocol, port): the first holder, "+N" when several processes hold it. */
  public static List<Row> rows(List<SocketRow> sockets, Instant now) {
    Map<String, List<SocketRow>> byPort = new LinkedHashMap<>();
    for (SocketRow r : sockets) {
      byPort.computeIfAbsent(r.endpoint().protocol().label() + ":" + r.endpoint().port(), k -> new ArrayList<>()).add(r);
    }
    List<Row> out = new ArrayList<>();
    for (List<SocketRow> same : byPort.values()) {
      SocketRow first = same.get(0);
      Optional<ProcessInfo> p = same.stream().flatMap(r -> r.process().stream()).findFirst();
      long holders = same.stream().flatMap(r -> r.process().stream()).map(ProcessInfo::pid).distinct().count();
      out.add(new Row(first.endpoint().protocol().label(), first.endpoint().port(),
          p.map(x -> x.pid() + (holders > 1 ? "+" + (holders - 1) : "")).orElse("-"),
          p.map(x -> Printable.clean(x.name())).orElse("?"),
          p.flatMap(ProcessInfo::user).map(Printable::clean).orElse("?"),
          p.map(x -> Formats.uptime(x.started(), now)).orElse("?"),
          p.map(x -> Printable.clean(x.command().isEmpty() ? "[" + x.name() + "]" : x.command()))
              .orElse("(owner not visible)")));
    }
    return out;
  }

  /** New listeners come and gone ones go; marks and the cursor stay on the ports still there. */
  public void refresh(List<Row> fresh) {
    String at = current().map(Row::key).orElse(null);
    rows = List.copyOf(fresh);
    Set<String> present = new LinkedHashSet<>();
    rows.forEach(r -> present.add(r.key()));
    marked.retainAll(present);
    List<Row> shown = visible();
    cursor = 0;
    for (int i = 0; i < shown.size(); i++) {
      if (shown.get(i).key().equals(at)) {
        cursor = i;
      }
    }
  }

  /** The rows the filter lets through, in port order. */
  public List<Row> visible() {
    return rows.stream().filter(r -> r.matches(filter)).toList();
  }

  /** Every character of the filter, in order, somewhere in the text. */
  static boolean subsequence(String text, String filter) {
    int at = 0;
    for (int i = 0; i < filter.length(); i++) {
      at = text.indexOf(filter.charAt(i), at);
      if (at < 0) {
        return false;
      }
      at++;
    }
    return true;
  }

  public void type(char c) {
    filter += c;
    cursor = 0;
    top = 0;
  }

  public void backspace() {
    if (!filter.isEmpty()) {
      filter = filter.substring(0, filter.length() - 1);
      cursor = 0;
      top = 0;
    }
  }

  public void move(int by) {
    int n = visible().size();
    cursor = n == 0 ? 0 : Math.max(0, Math.min(n - 1, cursor + by));
  }

  /** Marks or unmarks the row under the cursor. */
  public void toggle() {
    current().ifPresent(r -> {
      if (!marked.remove(r.key())) {
        marked.add(r.key());
      }
    });
  }

  public Optional<Row> current() {
    List<Row> shown = visible();
    return cursor < shown.size() ? Optional.of(shown.get(cursor)) : Optional.empty();
  }

  /** The marked ports, or the one under the cursor when none is marked; empty when there is none. */
  public PortSet chosen() {
    if (!marked.isEmpty()) {
      return PortSet.of(rows.stream().filter(r -> marked.contains(r.key())).mapToInt(Row::port).toArray());
    }
    return current().map(r -> PortSet.of(r.port())).orElse(PortSet.of());
  }

  /** The screen: a help line, the filter, a header, the rows that fit, a count; each cut to width. */
  public List<String> render(int width, int height, Terminal term) {
    List<String> lines = new ArrayList<>();
    lines.add(term.style(Style.BOLD, Terminal.fit("freeport: type to filter, Up/Down, Space marks, Enter stops, Esc quits",
        width)));
    lines.add(Terminal.fit("> " + Printable.clean(filter), width));
    List<Row> shown = visible();
    int room = Math.max(1, height - 4);
    if (cursor < top) {
      top = cursor;
    } else if (cursor >= top + room) {
      top = cursor - room + 1;
    }
    int[] w = {5, 5, 7, 4, 4, 6};
    for (Row r : shown) {
      String[] c = cells(r);
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.min(Math.max(w[i], Terminal.columns(c[i])), 16);
      }
    }
    lines.add(term.style(Style.DIM, Terminal.fit(line(new String[] {"  PROTO", "PORT", "PID", "NAME", "USER", "UP", "COMMAND"}, w), width)));
    for (int i = top; i < Math.min(shown.size(), top + room); i++) {
      Row r = shown.get(i);
      String mark = marked.contains(r.key()) ? "*" : " ";
      String text = Terminal.fit(line(shiftedCells(r, i == cursor, mark), w), width);
      lines.add(i == cursor ? term.style(Style.SELECTED, text) : text);
    }
    lines.add(term.style(Style.DIM, Terminal.fit(shown.size() + " of " + rows.size() + " listening, " + marked.size()
        + " marked", width)));
    return lines;
  }

  private static String[] cells(Row r) {
    return new String[] {r.proto(), Integer.toString(r.port()), r.pid(), r.name(), r.user(), r.uptime(), r.command()};
  }

  private static String[] shiftedCells(Row r, boolean atCursor, String mark) {
    String[] c = cells(r);
    c[0] = (atCursor ? ">" : " ") + mark + c[0];
    return c;
  }

  /** Cells padded to the widths (cut where longer), the last one as it is. */
  private static String line(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length - 1; i++) {
      int w = i == 0 ? widths[0] + 2 : widths[i];
      String cell = Terminal.fit(cells[i], w);
      b.append(cell).append(" ".repeat(Math.max(0, w - Terminal.columns(cell)) + 1));
    }
    return b.append(cells[cells.length - 1]).toString();
  }
}
