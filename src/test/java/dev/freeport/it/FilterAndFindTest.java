package dev.freeport.it;

import static dev.freeport.it.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** --user / --name filters and `freeport find`, against real listeners. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class FilterAndFindTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  @Test
  void aHolderOutsideTheNameFilterIsSkippedNotStopped() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--name", "node*");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains("(skipped: name does not match node* (--name))"), r::toString);
    assertTrue(r.out().contains("still held by PID " + l.pid()), r::toString);
    assertTrue(l.alive());
  }

  @Test
  void matchingFiltersStop() throws Exception {
    Started l = fixtures.listener();
    String user = System.getProperty("user.name");
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--name", "jav?", "--user", user);
    assertEquals(0, r.code(), r::toString);
    assertFalse(Procs.running(l.process().toHandle()));
  }

  @Test
  void anotherUsersFilterSkips() throws Exception {
    Started l = fixtures.listener();
    CliRun.Result r = run(null, Integer.toString(l.port()), "--yes", "--user", "nobody-at-all", "--json");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains("\"skippedBecause\" : \"not user nobody-at-all (--user)\""), r::toString);
    assertTrue(l.alive());
  }

  @Test
  void findSkipsAListeningPortAndStaysInTheRange() throws Exception {
    Started l = fixtures.listener("--addr", "127.0.0.1");
    CliRun.Result r = run(null, "find", Integer.toString(l.port()));
    assertEquals(0, r.code(), r::toString);
    int found = Integer.parseInt(r.out().strip());
    assertNotEquals(l.port(), found, "a port with a loopback listener is not free for a wildcard server");
    assertTrue(found > l.port() && found < l.port() + 100, r::toString);
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::"), found));
    }
    CliRun.Result none = run(null, "find", "--range", l.port() + "-" + l.port());
    assertEquals(1, none.code(), none::toString);
    assertEquals("", none.out());
    assertTrue(none.err().contains("no free port from " + l.port()), none::toString);
  }
}
