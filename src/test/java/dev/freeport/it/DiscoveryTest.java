package dev.freeport.it;

import static dev.freeport.it.CliRun.numbers;
import static dev.freeport.it.CliRun.run;
import static dev.freeport.it.CliRun.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.SharedSocket;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** list and --dry-run against real listening processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class DiscoveryTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  @Test
  void tcpIpv4Listener() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run(null, "list", Integer.toString(l.port()), "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(l.pid()), numbers(r.out(), "pid"), r::toString);
    assertEquals(List.of("tcp"), strings(r.out(), "protocol"));
    assertEquals(List.of("127.0.0.1"), strings(r.out(), "address"));
    assertEquals(List.of(4L), numbers(r.out(), "ipVersion"));
    assertTrue(strings(r.out(), "command").get(0).contains("dev.freeport.fixtures.Listener"), r::toString);
  }

  @Test
  void ipv6OnlyListener() throws Exception {
    Started l = fixtures.listener("--addr", "::1");
    CliRun.Result r = run(null, "list", Integer.toString(l.port()), "--json");
    assertEquals(List.of(l.pid()), numbers(r.out(), "pid"), r::toString);
    assertEquals(List.of("::1"), strings(r.out(), "address"));
    assertEquals(List.of(6L), numbers(r.out(), "ipVersion"));
  }

  @Test
  void udpIsSeenOnlyWithUdp() throws Exception {
    Started l = fixtures.listener("--udp");
    String port = Integer.toString(l.port());
    CliRun.Result udp = run(null, "list", port, "--udp", "--json");
    assertEquals(List.of(l.pid()), numbers(udp.out(), "pid"), udp::toString);
    assertEquals(List.of("udp"), strings(udp.out(), "protocol"));
    assertEquals(List.of(), numbers(run(null, "list", port, "--json").out(), "pid"), "TCP is the default");
    assertEquals(List.of(l.pid()), numbers(run(null, "list", port, "--tcp", "--udp", "--json").out(), "pid"));
  }

  @Test
  void everyProcessSharingOneSocketIsFound() throws Exception {
    Started s = fixtures.start(SharedSocket.class, "2");
    s.await("INHERITED");
    s.await("INHERITED");
    CliRun.Result r = run(null, "list", Integer.toString(s.port()), "--json");
    assertEquals(new TreeSet<>(s.allPids()), new TreeSet<>(numbers(r.out(), "pid")), r::toString);

    CliRun.Result dry = run(null, s.port() + "", "--dry-run", "--json");
    assertEquals(1, dry.code(), dry::toString);
    assertEquals(Set.copyOf(s.allPids()), Set.copyOf(numbers(dry.out(), "pid").subList(0, 3)), dry::toString);
  }

  @Test
  void dryRunShowsTheWholeTreeAndTouchesNothing() throws Exception {
    Started l = fixtures.listener("--children", "2", "--depth", "2");
    assertEquals(6, l.descendants().size(), "2 children with 2 children each");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--dry-run");
    assertEquals(1, r.code(), r::toString);
    for (long pid : l.allPids()) {
      assertTrue(r.out().contains("PID " + pid), () -> pid + " missing\n" + r);
    }
    assertTrue(r.out().contains("\\_ PID"), r::toString);
    assertTrue(l.alive());
    for (ProcessHandle h : l.handles()) {
      assertTrue(h.isAlive());
    }
  }

  @Test
  void dryRunOfAFreePortSaysFreeAndExitsZero() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun.Result r = run(null, Integer.toString(port), "--dry-run");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Port " + port + ": free"), r::toString);
  }

  @Test
  void aConnectionToThePortIsNotAHolder() throws Exception {
    Started l = fixtures.listener();
    try (java.net.Socket client = new java.net.Socket("127.0.0.1", l.port())) {
      CliRun.Result r = run(null, "list", Integer.toString(l.port()), "--json");
      assertEquals(List.of(l.pid()), numbers(r.out(), "pid"), "the client side is not listed: " + r);
    }
  }

  @Test
  void listJsonAgreesWithSs() throws Exception {
    fixtures.listener();
    fixtures.listener("--addr", "::1");
    fixtures.listener("--addr", "0.0.0.0");
    Set<String> ours = new HashSet<>();
    CliRun.Result r = run(null, "list", "--json");
    List<Long> ports = numbers(r.out(), "port");
    List<String> pids = pidsOrNull(r.out());
    for (int i = 0; i < ports.size(); i++) {
      ours.add(ports.get(i) + "/" + pids.get(i));
    }
    assertEquals(ss(), ours, r::toString);
  }

  /** The pid of each listener row, or "-" where the owner is hidden. */
  private static List<String> pidsOrNull(String json) {
    return List.of(json.split("\\{")).stream().skip(2)
        .map(row -> row.replaceAll("(?s).*\"pid\" : (null|[0-9]+).*", "$1"))
        .map(p -> p.equals("null") ? "-" : p)
        .toList();
  }

  /** (port/pid) of every TCP listener as ss sees it. */
  private static Set<String> ss() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ss", "-Htlnp").start();
    String text = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Set<String> out = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      String local = f[3];
      String port = local.substring(local.lastIndexOf(':') + 1);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("pid=([0-9]+)").matcher(line);
      boolean any = false;
      while (m.find()) {
        out.add(port + "/" + m.group(1));
        any = true;
      }
      if (!any) {
        out.add(port + "/-");
      }
    }
    return out;
  }

  @Test
  void hostileCommandLinesNeverReachTheTerminalRaw() throws Exception {
    String evil = "\u001b[2J\u001b]0;pwned\u0007\nPort 1 freed\u202e\u009b31m";
    Started l = fixtures.listener("--tag", evil);
    for (String[] args : List.of(new String[] {"list", l.port() + ""}, new String[] {l.port() + "", "--dry-run"})) {
      CliRun.Result r = run(null, args);
      assertTrue(r.out().contains("PID " + l.pid()) || r.out().contains(" " + l.pid() + " "), r::toString);
      assertTrue(r.out().chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == 0x202e), r::toString);
      assertTrue(r.out().lines().noneMatch(line -> line.startsWith("Port 1 freed")), r::toString);
    }
    CliRun.Result json = run(null, "list", l.port() + "", "--json");
    assertTrue(json.out().chars().allMatch(c -> c < 0x7f && (c >= 0x20 || c == '\n')), "JSON is plain ASCII");
    assertTrue(strings(json.out(), "command").get(0).contains(evil), "JSON keeps the exact text, escaped");
  }
}
