package dev.freeport.platform.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Host;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.testing.Proc;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macOS host's wiring: its sockets come from the libproc walk, its refusals and advice from MacAdvice. */
class MacHostTest {
  // Process facts are not used here, so no OSHI operating system is needed.
  final Host host = new MacHost(null, ScriptedLibProc.recorded("mac/libproc-walk.txt"));

  @Test
  void socketsComeFromTheLibprocWalk() {
    assertEquals(List.of("[::1]:8080 [501, 502]"), host.sockets().listening(EnumSet.of(Protocol.TCP), PortSet.of(8080))
        .stream().map(s -> s.endpoint().hostPort() + " " + s.holders()).toList());
  }

  @Test
  void controlCenterIsRefusedAndExplained() {
    var cc = Proc.of(88).parent(1).name("ControlCenter").build();
    assertTrue(host.advisor().refusal(cc).isPresent());
    assertTrue(host.advisor().advice(cc, 5000).orElseThrow().why().startsWith("AirPlay Receiver"));
    assertTrue(host.advisor().refusal(Proc.of(501).name("node").build()).isEmpty());
  }
}
