package dev.freeport.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port ranges Windows keeps for itself (Hyper-V, WSL2, WinNAT, Docker Desktop, or added by an
 * administrator), parsed from {@code netsh interface ipv4|ipv6 show excludedportrange
 * protocol=tcp|udp}. Binding a port inside one fails with WSAEACCES (10013) although no process
 * listens on it.
 *
 * <p>The output's headings are localised; only the rows of two numbers, with a trailing {@code *}
 * for an administered exclusion, are read.
 */
public final class ExcludedPortRanges {
  private static final Pattern ROW = Pattern.compile("^\\s*(\\d{1,5})\\s+(\\d{1,5})(\\s+\\*)?\\s*$");

  private ExcludedPortRanges() {}

  /**
   * One excluded range.
   *
   * @param first its first port
   * @param last its last port, inclusive
   * @param administered added with {@code netsh ... add excludedportrange} (persistent), rather
   *     than reserved at run time by a service such as WinNAT
   */
  public record Range(int first, int last, boolean administered) {
    public boolean contains(int port) {
      return port >= first && port <= last;
    }

    /** {@code 8040-8139}, or {@code 5357} for a single port. */
    public String label() {
      return first == last ? Integer.toString(first) : first + "-" + last;
    }
  }

  public static List<Range> parse(String netshOutput) {
    List<Range> out = new ArrayList<>();
    for (String line : netshOutput.split("\\R")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        if (first >= 1 && first <= last && last <= 65535) {
          out.add(new Range(first, last, m.group(3) != null));
        }
      }
    }
    return out;
  }

  /** The range that holds this port, if any. */
  public static Optional<Range> containing(List<Range> ranges, int port) {
    return ranges.stream().filter(r -> r.contains(port)).findFirst();
  }
}
