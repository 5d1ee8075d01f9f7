package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import dev.freeport.platform.linux.LinuxSocketTable;
import dev.freeport.platform.oshi.OshiSocketTable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Linux table (read from /proc, all holders) gives the same sockets and owners as OSHI's
 * connection table, the source of truth on other platforms. OSHI names one owner per socket,
 * so for unshared sockets the holder lists must be equal.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class OshiAgreementTest {
  @RegisterExtension final Fixtures fixtures = new Fixtures();

  @Test
  void sameSocketsAndOwners() throws Exception {
    Started a = fixtures.listener();
    Started b = fixtures.listener("--addr", "::1");
    Started c = fixtures.listener("--udp");
    Started d = fixtures.listener("--addr", "0.0.0.0", "--udp");
    PortSet ports = PortSet.of(a.port(), b.port(), c.port(), d.port());
    Set<Protocol> both = EnumSet.allOf(Protocol.class);
    var linux = new LinuxSocketTable(Path.of("/proc"), 0).listening(both, ports);
    var oshi = new OshiSocketTable(new oshi.SystemInfo().getOperatingSystem()).listening(both, ports);
    assertEquals(describe(oshi), describe(linux));
    assertEquals(4, linux.size());
  }

  private static Set<String> describe(List<ListeningSocket> sockets) {
    Set<String> out = new TreeSet<>();
    for (ListeningSocket s : sockets) {
      out.add(s.endpoint().protocol() + " " + s.endpoint().hostPort() + " " + s.holders());
    }
    return out;
  }
}
