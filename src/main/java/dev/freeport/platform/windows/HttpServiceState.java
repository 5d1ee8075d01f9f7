package dev.freeport.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request queues of http.sys, the kernel HTTP server that listens as System (PID 4) for IIS,
 * WinRM, SSRS, WCF and other HTTP.sys servers, parsed from {@code netsh http show servicestate
 * view=requestq}: which processes a queue serves and which URLs (hence ports) it registered.
 *
 * <p>Each queue starts with a line at the left margin ({@code Request queue name: ...}); its
 * details are indented. Only the shapes are relied on, not the localised labels: an indented
 * {@code ID: 1234, image: C:\...\w3wp.exe} line is an attached process, an indented URL is a
 * registration. Blocks named by a 16-digit hex ID (server sessions, URL groups, which other
 * views print) are skipped: they repeat the URLs of a queue.
 */
public final class HttpServiceState {
  private static final Pattern PROCESS = Pattern.compile("^\\s+\\S+:\\s*(\\d+),\\s*\\S+:\\s*(.+?)\\s*$");
  /** Server sessions and URL groups are named by 16 hex digits; they repeat a queue's URLs. */
  private static final Pattern SESSION_ID = Pattern.compile("[0-9A-Fa-f]{16}");
  private static final Pattern URL = Pattern.compile("^\\s+(?i:https?)://([^/\\s]*):(\\d{1,5})(/\\S*)?\\s*$");

  private HttpServiceState() {}

  /** A process attached to a request queue. */
  public record Attached(long pid, String image) {
    /** The image's file name, {@code w3wp.exe}. */
    public String fileName() {
      return image.substring(image.lastIndexOf('\\') + 1);
    }
  }

  /**
   * One request queue.
   *
   * @param name the queue's name (an IIS application pool), empty when unnamed
   * @param processes the processes attached to it; none while IIS waits for a first request
   * @param urls the URLs registered on it, as printed
   * @param ports the ports of those URLs
   */
  public record Queue(String name, List<Attached> processes, List<String> urls, List<Integer> ports) {}

  public static List<Queue> parse(String netshOutput) {
    List<Queue> out = new ArrayList<>();
    Builder current = null;
    for (String line : netshOutput.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (current != null) {
          out.add(current.build());
          current = null;
        }
        int colon = line.indexOf(':');
        String value = colon > 0 ? line.substring(colon + 1).strip() : "";
        if (!value.isEmpty() && !SESSION_ID.matcher(value).matches()) {
          current = new Builder(queueName(value));
        }
        continue;
      }
      if (current == null) {
        continue;
      }
      Matcher url = URL.matcher(line);
      if (url.matches()) {
        int port = Integer.parseInt(url.group(2));
        if (port >= 1 && port <= 65535) {
          current.urls.add(line.strip());
          current.ports.add(port);
        }
        continue;
      }
      Matcher p = PROCESS.matcher(line);
      if (p.matches()) {
        current.processes.add(new Attached(Long.parseLong(p.group(1)), p.group(2)));
      }
    }
    if (current != null) {
      out.add(current.build());
    }
    return out;
  }

  /** The queues that registered a URL on this port. */
  public static List<Queue> onPort(List<Queue> queues, int port) {
    return queues.stream().filter(q -> q.ports().contains(port)).toList();
  }

  /** "Request queue is unnamed." (a sentence, in every language) stands for no name. */
  private static String queueName(String text) {
    return text.endsWith(".") ? "" : text;
  }

  private static final class Builder {
    final String name;
    final List<Attached> processes = new ArrayList<>();
    final List<String> urls = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Queue build() {
      return new Queue(name, List.copyOf(processes), List.copyOf(urls), List.copyOf(ports));
    }
  }
}
