package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a TCP bind fails when no holder is found: what was searched and what was not, never a guess
 * at another namespace or the kernel; and without native calls, "not searched", never a crash.
 */
class UnbindableTest {
  private static final Endpoint ANY = new Endpoint(Protocol.TCP, "0.0.0.0", 8080);
  @TempDir Path proc;

  private LinuxHost host(java.util.concurrent.Callable<LinuxSyscalls> natives) throws IOException {
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("net/tcp"), "  sl  local_address rem_address   st\n");
    Files.writeString(proc.resolve("net/tcp6"), "  sl  local_address rem_address   st\n");
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
    return new LinuxHost(proc, natives);
  }

  private static void noGuess(Advice a) {
    String all = a.why() + "; " + a.instead();
    assertFalse(all.contains("may hold"), all);
    assertFalse(all.contains("or the kernel"), all);
    assertFalse(all.contains("container runtime"), all);
    assertTrue(all.contains("searched: this network namespace's socket tables"), all);
    assertTrue(all.contains("not searched:") && all.contains("other network namespaces"), all);
  }

  @Test
  void withoutNativeCallsBoundSocketsAreNotSearchedAndNothingThrows() throws IOException {
    LinuxHost host = host(() -> {
      throw new UnsatisfiedLinkError("no jnidispatch");
    });
    assertEquals(List.of(), host.sockets().blocking(Set.of(Protocol.TCP), PortSet.of(8080)));
    Advice a = host.whyUnbindable(ANY, 0).orElseThrow();
    noGuess(a);
    assertTrue(a.why().contains("not searched: TCP sockets bound without listening (freeport's native calls could"
        + " not be loaded: UnsatisfiedLinkError)"), a.why());
  }

  @Test
  void afterATrustedSockDiagAnswerTheMessageSaysEveryBoundSocketWasSearched() throws IOException {
    LinuxHost host = host(null);
    Advice a = host.unfound(ANY, new BoundSockets.Search(PortSet.of(8080), BoundSockets.Method.SOCK_DIAG, List.of(),
        null, 0, List.of()));
    noGuess(a);
    assertTrue(a.why().contains("every TCP socket bound without listening (sock_diag)"), a.why());
    assertEquals("choose another port", a.instead());
  }

  @Test
  void afterTheFallbackTheMessageCountsTheProcessesSearchedAndThoseNot() throws IOException {
    LinuxHost host = host(null);
    Advice a = host.unfound(ANY, new BoundSockets.Search(PortSet.of(8080), BoundSockets.Method.DESCRIPTORS, List.of(),
        "this kernel's sock_diag does not list bound sockets (Linux 6.8 and later do)", 41, List.of()));
    noGuess(a);
    assertTrue(a.why().contains("the sockets of 41 process(es)"), a.why());
    assertEquals("choose another port", a.instead());
    Advice blind = host.unfound(ANY, new BoundSockets.Search(PortSet.of(8080), BoundSockets.Method.DESCRIPTORS,
        List.of(), "this kernel's sock_diag does not list bound sockets", 41, List.of(7L, 8L)));
    noGuess(blind);
    assertTrue(blind.why().contains("not searched: the sockets of 2 process(es) freeport may not read or copy (PID 7, PID 8)"),
        blind.why());
    assertEquals("re-run with sudo to read every process, or choose another port", blind.instead());
  }

  @Test
  void aBoundSocketFoundSinceTheSurveyIsNamed() throws IOException {
    Advice a = host(null).unfound(ANY, new BoundSockets.Search(PortSet.of(8080), BoundSockets.Method.SOCK_DIAG,
        List.of(new SockDiag.Bound(new Endpoint(Protocol.TCP, "127.0.0.1", 8080), 0, 9)), null, 0, List.of()));
    assertEquals("a TCP socket bound to 127.0.0.1:8080 without listening holds it", a.why());
  }

  @Test
  void aUdpEndpointNamesTheUdpTables() throws IOException {
    Advice a = host(null).whyUnbindable(new Endpoint(Protocol.UDP, "0.0.0.0", 5353), 0).orElseThrow();
    assertTrue(a.why().contains("/proc/net/udp"), a.why());
    assertFalse(a.why().contains("may hold"), a.why());
  }
}
