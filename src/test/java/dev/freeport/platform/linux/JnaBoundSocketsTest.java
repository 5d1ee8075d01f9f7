package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.platform.linux.jna.JnaSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both ways of the search on the real kernel, through JNA, against a real process holding a
 * bound socket: sock_diag (this machine runs 6.8 or later), and the pidfd_getfd fallback, forced
 * by a canary that cannot be opened.
 */
@EnabledOnOs(OS.LINUX)
class JnaBoundSocketsTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  private static long self() throws IOException {
    return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
  }

  private Started holder() throws Exception {
    return fixtures.start(List.of("python3", Path.of("src/test/resources/fixtures/holders.py").toAbsolutePath()
        .toString(), "bound", "0", "127.0.0.1"));
  }

  private static long inodeOf(Started h) throws IOException {
    for (Path fd : Files.list(Path.of("/proc/" + h.pid() + "/fd")).toList()) {
      long inode = ProcFiles.socketInode(fd);
      if (inode >= 0) {
        return inode;
      }
    }
    throw new AssertionError("no socket in " + h.pid());
  }

  @Test
  void sockDiagFindsTheBoundSocketWithItsInode() throws Exception {
    Started h = holder();
    BoundSockets.Search s = BoundSockets.onProc(JnaSyscalls.load(), new ProcFiles(Path.of("/proc")), self())
        .search(PortSet.of(h.port()));
    assumeTrue(s.method() == BoundSockets.Method.SOCK_DIAG, "a kernel before 6.8: " + s.why());
    assertEquals(List.of(new SockDiag.Bound(new Endpoint(Protocol.TCP, "127.0.0.1", h.port()),
        (int) new com.sun.security.auth.module.UnixSystem().getUid(), inodeOf(h))), s.sockets());
  }

  @Test
  void pidfdGetfdFindsItWhenSockDiagCannotBeTrusted() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "copying another process's descriptor needs ptrace rights");
    Started h = holder();
    ProcDescriptors d = new ProcDescriptors(new ProcFiles(Path.of("/proc")), self());
    BoundSockets.Canaries broken = () -> {
      throw new IOException("no canary");
    };
    BoundSockets.Search s = new BoundSockets(JnaSyscalls.load(), broken, d).search(PortSet.of(h.port()));
    assertEquals(BoundSockets.Method.DESCRIPTORS, s.method(), s.toString());
    assertEquals(List.of(new SockDiag.Bound(new Endpoint(Protocol.TCP, "127.0.0.1", h.port()), -1, inodeOf(h))),
        s.sockets());
    assertTrue(s.processes() > 1, s.toString());
  }
}
