package dev.freeport.it;

import static dev.freeport.it.CliRun.numbers;
import static dev.freeport.it.CliRun.objects;
import static dev.freeport.it.CliRun.run;
import static dev.freeport.it.CliRun.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.SharedSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

  /**
   * list --json and ss agree on the listeners this test started: address, port and PID. Rows of
   * other processes are left out on both sides, whatever they hold.
   */
  @Test
  void listJsonAgreesWithSs() throws Exception {
    List<Started> ours = List.of(fixtures.listener("--addr", "127.0.0.1"), fixtures.listener("--addr", "::1"),
        fixtures.listener("--addr", "0.0.0.0"));
    Set<String> expected = ours.stream().map(l -> l.port() + " " + l.pid()).collect(Collectors.toSet());
    String ports = ours.stream().map(l -> Integer.toString(l.port())).collect(Collectors.joining(","));

    CliRun.Result r = run(null, "list", ports, "--json");
    Set<String> listed = new HashSet<>();
    for (Map<String, String> row : objects(r.out(), "listeners")) {
      String address = row.get("address");
      if (expected.contains(row.get("port") + " " + row.get("pid"))) {
        listed.add(address + " " + row.get("port") + " " + row.get("pid"));
      }
    }
    assertEquals(expected, portAndPid(listed), r::toString);
    assertEquals(ss(expected), listed, r::toString);
  }

  private static Set<String> portAndPid(Set<String> rows) {
    return rows.stream().map(row -> row.substring(row.indexOf(' ') + 1)).collect(Collectors.toSet());
  }

  /** "address port pid" of each TCP listener ss sees whose "port pid" is one of {@code ours}. */
  private static Set<String> ss(Set<String> ours) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ss", "-Htlnp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "ss failed");
    Set<String> out = new HashSet<>();
    Pattern pid = Pattern.compile("pid=([0-9]+)");
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      String local = f[3];
      int colon = local.lastIndexOf(':');
      String address = local.substring(0, colon).replaceAll("^\\[|\\]$", "");
      String port = local.substring(colon + 1);
      for (Matcher m = pid.matcher(line); m.find(); ) {
        if (ours.contains(port + " " + m.group(1))) {
          // Java binds IPv4 addresses on IPv6 sockets: ss writes 127.0.0.1 as ::ffff:127.0.0.1
          // and a dual-stack :: (Java's 0.0.0.0) as "*"; freeport names them 127.0.0.1 and ::.
          String shown = "*".equals(address) ? "::" : address.replaceFirst("^::ffff:(?=[0-9.]+$)", "");
          out.add(shown + " " + port + " " + m.group(1));
        }
      }
    }
    return out;
  }
}
