package dev.freeport.platform.linux;

import static dev.freeport.platform.linux.ScriptedSyscalls.concat;
import static dev.freeport.platform.linux.ScriptedSyscalls.done;
import static dev.freeport.platform.linux.ScriptedSyscalls.message;
import static dev.freeport.platform.linux.ScriptedSyscalls.sockaddrIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The search for bound sockets on scripted system calls: sock_diag, its canary, and the fallback. */
class BoundSocketsTest {
  private static final byte[] ANY = {0, 0, 0, 0};
  private static final byte[] LOOPBACK = {127, 0, 0, 1};
  private static final int CANARY = 40000;
  private static final long NS = 4026531840L;

  private final ScriptedSyscalls sys = new ScriptedSyscalls();
  private boolean canaryFails;
  private boolean canaryClosed;

  /** pid 10 holds a bound socket on 8080 (inode 901) and a unix socket (900, in the tables). */
  private final BoundSockets.Descriptors descriptors = new BoundSockets.Descriptors() {
    @Override
    public BoundSockets.Listing list() {
      return new BoundSockets.Listing(List.of(
          new long[] {10, 3, 900}, new long[] {10, 4, 901}, new long[] {20, 5, 902}, new long[] {30, 6, 903},
          new long[] {30, 7, 904}, new long[] {40, 3, 901}), 4, List.of(50L));
    }

    @Override
    public Set<Long> tabled() {
      return Set.of(900L);
    }

    @Override
    public long ownNetworkNamespace() {
      return NS;
    }

    @Override
    public long networkNamespaceOf(long pid) {
      return NS;
    }
  };

  private BoundSockets search() {
    BoundSockets.Canaries canaries = () -> {
      if (canaryFails) {
        throw new IOException("no loopback");
      }
      return new BoundSockets.Canary() {
        @Override
        public int port() {
          return CANARY;
        }

        @Override
        public void close() {
          canaryClosed = true;
        }
      };
    };
    return new BoundSockets(sys, canaries, descriptors);
  }

  private void answer(int family, byte[]... recvs) {
    sys.answers.put(family, new ArrayDeque<>(List.of(recvs)));
  }

  private void processes() {
    sys.sockets.put(List.of(10L, 4L), new ScriptedSyscalls.Socket(sockaddrIn(8080, 0, 0, 0, 0), 6, NS));
    sys.getfdError.put(20L, -LinuxSyscalls.EPERM);
    sys.sockets.put(List.of(30L, 6L), new ScriptedSyscalls.Socket(sockaddrIn(8080, 0, 0, 0, 0), 6, NS + 1));
    sys.sockets.put(List.of(30L, 7L), new ScriptedSyscalls.Socket(sockaddrIn(8080, 0, 0, 0, 0), 17, NS));
  }

  @Test
  void sockDiagIsTrustedWhenTheCanaryIsInItsAnswer() {
    answer(LinuxSyscalls.AF_INET, concat(message(2, LOOPBACK, CANARY, 0, 1), message(2, ANY, 8080, 1000, 555),
        message(2, ANY, 9090, 0, 556)), done());
    answer(LinuxSyscalls.AF_INET6, done());
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.SOCK_DIAG, s.method());
    assertEquals(List.of(new SockDiag.Bound(new Endpoint(Protocol.TCP, "0.0.0.0", 8080), 1000, 555)), s.sockets());
    assertEquals(List.of("socket", "send 2 states 8192", "socket", "send 10 states 8192"), sys.calls,
        "both families, state TCP_BOUND_INACTIVE, and no descriptor copied");
    assertEquals(Set.of(), sys.open, "every descriptor closed");
    assertTrue(canaryClosed);
  }

  @Test
  void anEmptyAnswerWithoutTheCanaryIsAKernelBefore68AndDescriptorsAreCopied() {
    answer(LinuxSyscalls.AF_INET, done());
    answer(LinuxSyscalls.AF_INET6, done());
    processes();
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method());
    assertEquals(List.of(new SockDiag.Bound(new Endpoint(Protocol.TCP, "0.0.0.0", 8080), -1, 901)), s.sockets(),
        "not the other namespace's socket (903), not the UDP one (904)");
    assertTrue(s.why().contains("6.8"), s.why());
    assertEquals(List.of(20L, 50L), s.notSearched(), "the one freeport may not trace, the one it may not read");
    assertEquals(3, s.processes(), "four read, one of them not traceable");
    assertFalse(sys.calls.contains("pidfd_getfd 10 3"), "a socket in the tables is not copied");
    assertFalse(sys.calls.contains("pidfd_open 40"), "an inode already seen is not copied again");
    assertEquals(Set.of(), sys.open, "every copy and pidfd closed");
  }

  @Test
  void withoutPidfdGetfdNothingIsSearchedAndTheReportSaysWhy() {
    answer(LinuxSyscalls.AF_INET, done());
    answer(LinuxSyscalls.AF_INET6, done());
    processes();
    sys.getfdError.put(10L, -LinuxSyscalls.ENOSYS);
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.NONE, s.method());
    assertTrue(s.why().contains("6.8") && s.why().contains("5.6"), s.why());
    assertEquals(List.of(), s.sockets());
    assertEquals(Set.of(), sys.open);
  }

  @Test
  void aDumpThatNeverEndsIsBoundedAndFallsBack() {
    answer(LinuxSyscalls.AF_INET, message(2, LOOPBACK, CANARY, 0, 1)); // no NLMSG_DONE, then silence
    processes();
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method());
    assertTrue(s.why().contains("errno 11"), s.why());
    assertEquals(1, s.sockets().size());
  }

  @Test
  void anErrorAnswerIsNotTrusted() {
    answer(LinuxSyscalls.AF_INET, concat(message(2, LOOPBACK, CANARY, 0, 1),
        new byte[] {20, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -1, -1, -1}));
    answer(LinuxSyscalls.AF_INET6, done());
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method(), "an NLMSG_DONE carrying -ENOENT");
  }

  @Test
  void withoutACanaryTheAnswerIsNotTrusted() {
    canaryFails = true;
    answer(LinuxSyscalls.AF_INET, concat(message(2, ANY, 8080, 0, 555)), done());
    answer(LinuxSyscalls.AF_INET6, done());
    processes();
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method());
    assertTrue(sys.calls.stream().noneMatch(c -> c.startsWith("send")), "no dump without a canary: " + sys.calls);
  }

  @Test
  void aNetlinkSocketThatCannotBeOpenedFallsBack() {
    sys.socketError = -LinuxSyscalls.EACCES;
    processes();
    BoundSockets.Search s = search().search(PortSet.of(8080));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method());
    assertTrue(s.why().contains("errno 13"), s.why());
  }
}
