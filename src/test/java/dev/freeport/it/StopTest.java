package dev.freeport.it;

import static dev.freeport.it.CliRun.numbers;
import static dev.freeport.it.CliRun.run;
import static dev.freeport.it.CliRun.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.fixtures.SharedSocket;
import dev.freeport.fixtures.Supervisor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** freeport PORT against real processes: the whole flow, from discovery to the port check. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class StopTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  private static void assertAllGone(Started s) {
    assertFalse(Procs.running(s.process().toHandle()), "holder " + s.pid() + " still runs");
    for (ProcessHandle h : s.handles()) {
      assertFalse(Procs.running(h), "descendant " + h.pid() + " still runs");
    }
  }

  private static void assertBindable(String address, int port) throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
    }
  }

  @Test
  void plainListenerIsStoppedGracefullyAndThePortIsFree() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes");
    assertEquals(0, r.code(), r::toString);
    assertAllGone(l);
    assertTrue(r.out().contains("Port " + l.port() + " freed"), r::toString);
    assertTrue(r.out().contains("exited after the graceful request"), r::toString);
    assertBindable("127.0.0.1", l.port());
  }

  @Test
  void childrenAndGrandchildrenAreStoppedToo() throws Exception {
    Started l = fixtures.listener("--children", "2", "--depth", "2");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertAllGone(l);
    assertEquals(List.of("freed"), strings(r.out(), "outcome"));
    assertTrue(r.err().isEmpty(), "--json keeps progress quiet: " + r.err());
  }

  @Test
  void everyProcessSharingTheSocketIsStopped() throws Exception {
    Started s = fixtures.start(SharedSocket.class, "2");
    s.await("INHERITED");
    s.await("INHERITED");
    CliRun.Result r = run(null, Integer.toString(s.port()), "--yes");
    assertEquals(0, r.code(), r::toString);
    assertAllGone(s);
  }

  @Test
  void aProcessIgnoringSigtermIsForcedAfterTheTimeoutAndNoLater() throws Exception {
    Started l = fixtures.listener("--ignore-term");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--timeout", "1s", "--json");
    assertEquals(0, r.code(), r::toString);
    assertAllGone(l);
    assertEquals(List.of("forced"), strings(r.out(), "method"), r::toString);
    assertTrue(r.millis() >= 1000, "waited the timeout: " + r.millis());
    assertTrue(r.millis() < 2500, "then forced at once: " + r.millis());
  }

  @Test
  void aSlowButCleanShutdownIsNotForcedWithTheDefaultTimeout() throws Exception {
    Started l = fixtures.listener("--shutdown-ms", "1000");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("graceful"), strings(r.out(), "method"), r::toString);
    assertTrue(r.millis() >= 1000, "it took its second: " + r.millis());
    assertTrue(r.millis() < 3000, "and freeport noticed the exit promptly: " + r.millis());
  }

  @Test
  void forceSkipsTheGracefulRequest() throws Exception {
    Started l = fixtures.listener("--shutdown-ms", "5000");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--force", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("forced"), strings(r.out(), "method"), r::toString);
    assertTrue(r.millis() < 2000, r::toString);
  }

  @Test
  void aRespawnedListenerIsReportedWithItsSupervisor() throws Exception {
    Started sup = fixtures.start(Supervisor.class);
    long firstChild = sup.descendants().get(0);
    CliRun.Result r = run(null, Integer.toString(sup.port()), "--yes", "--json");
    assertEquals(1, r.code(), r::toString);
    assertEquals(List.of("respawned"), strings(r.out(), "outcome"), r::toString);
    List<Long> pids = numbers(r.out(), "pid");
    assertTrue(pids.contains(firstChild), r::toString);
    assertTrue(pids.contains(sup.pid()), "the supervisor is named: " + r);
    assertTrue(sup.alive(), "the supervisor itself was not a target");

    CliRun.Result text = run(null, Integer.toString(sup.port()), "--yes");
    assertEquals(1, text.code(), text::toString);
    assertTrue(text.out().contains("restarted by java, PID " + sup.pid()), text::toString);
    assertTrue(text.err().contains("Watching java (PID " + sup.pid() + ") for a restart"), text::toString);
  }

  @Test
  void udpAndIpv6Listeners() throws Exception {
    Started udp = fixtures.listener("--udp");
    Started v6 = fixtures.listener("--addr", "::1");
    CliRun.Result u = run(null, Integer.toString(udp.port()), "--udp", "--yes");
    assertEquals(0, u.code(), u::toString);
    assertAllGone(udp);
    CliRun.Result s = run(null, Integer.toString(v6.port()), "--yes");
    assertEquals(0, s.code(), s::toString);
    assertAllGone(v6);
    assertBindable("::1", v6.port());
  }

  @Test
  void anAlreadyFreePortNeedsNoQuestion() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun.Result r = run(null, Integer.toString(port));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("was already free"), r::toString);
    assertFalse(r.err().contains("[y/N]"), r::toString);
  }

  @Test
  void severalPortsAndARangeInOneCall() throws Exception {
    Started a = fixtures.listener();
    Started b = fixtures.listener();
    Started c = fixtures.listener();
    CliRun.Result r = run(null, a.port() + "," + b.port(), c.port() + "-" + c.port(), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("freed", "freed", "freed"), strings(r.out(), "outcome"), r::toString);
    assertAllGone(a);
    assertAllGone(b);
    assertAllGone(c);
  }

  @Test
  void answeringYesStops() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run("y\n", Integer.toString(l.port()));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Stop 1 process? [y/N]"), r::toString);
    assertAllGone(l);
  }

  @Test
  void answeringNoOrAnythingElseTouchesNothing() throws Exception {
    Started l = fixtures.listener();
    for (String answer : List.of("n\n", "\n", "yess\n", "sure\n")) {
      CliRun.Result r = run(answer, Integer.toString(l.port()));
      assertEquals(3, r.code(), r::toString);
      assertTrue(l.alive(), answer);
    }
  }

  @Test
  void closedStdinIsANoAndNeverHangs() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run(null, Integer.toString(l.port()));
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("--yes"), r::toString);
    assertTrue(l.alive());
    assertTrue(r.millis() < 5000, r::toString);
  }

  @Test
  void freeportNeverStopsItself() throws Exception {
    try (ServerSocket mine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun.Result r = run(null, Integer.toString(mine.getLocalPort()), "--yes");
      assertEquals(5, r.code(), r::toString);
      assertTrue(r.out().contains("freeport itself"), r::toString);
      assertFalse(mine.isClosed());
    }
  }

  @Test
  void refusedHolderDoesNotStopTheOthers() throws Exception {
    Started other = fixtures.listener();
    try (ServerSocket mine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun.Result r = run(null, mine.getLocalPort() + "," + other.port(), "--yes", "--json");
      assertEquals(5, r.code(), r::toString);
      assertEquals(Set.of("refused", "freed"), Set.copyOf(strings(r.out(), "outcome")), r::toString);
      assertAllGone(other);
    }
  }

  @Test
  void aStoppedProcessIsResumedSoItCanActOnTheGracefulRequest() throws Exception {
    Started l = fixtures.listener();
    Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(l.pid())).start();
    assertEquals(0, stop.waitFor());
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("graceful"), strings(r.out(), "method"), "not forced: " + r);
    assertAllGone(l);
  }

  @Test
  void quietPrintsNothingOnSuccessAndOneLinePerProblem() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result ok = run(null, Integer.toString(l.port()), "--yes", "--quiet");
    assertEquals(0, ok.code(), ok::toString);
    assertEquals("", ok.out() + ok.err(), ok::toString);
    assertAllGone(l);

    try (ServerSocket mine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun.Result refused = run(null, Integer.toString(mine.getLocalPort()), "-y", "-q");
      assertEquals(5, refused.code(), refused::toString);
      assertEquals("", refused.out());
      assertEquals(1, refused.err().lines().count(), refused::toString);
      assertTrue(refused.err().startsWith("freeport: port " + mine.getLocalPort() + " refused: "), refused::toString);
      CliRun.Result dry = run(null, Integer.toString(mine.getLocalPort()), "--dry-run", "-q");
      assertEquals("freeport: port " + mine.getLocalPort() + " refused: PID " + ProcessHandle.current().pid()
          + " (java) will not be stopped: this is freeport itself\n", dry.err(), dry::toString);
    }
  }

  @Test
  void parentStopsTheSupervisorAndItsChildSoNothingRespawns() throws Exception {
    Started sup = fixtures.start(Supervisor.class);
    CliRun.Result r = run(null, Integer.toString(sup.port()), "--yes", "--parent", "--json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("freed"), strings(r.out(), "outcome"), r::toString);
    assertFalse(Procs.running(sup.process().toHandle()), "the supervisor was stopped");
    assertAllGone(sup);
  }
}
