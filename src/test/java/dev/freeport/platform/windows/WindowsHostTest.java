package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.Host;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import dev.freeport.testing.Proc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Windows host hands refusals, advice and unbindable ports to its advisor. */
class WindowsHostTest {
  final WindowsAdvisorTest.ScriptedNetsh netsh = new WindowsAdvisorTest.ScriptedNetsh()
      .answer("netsh interface ipv4 show excludedportrange protocol=tcp", "windows/netsh-excludedportrange-ipv4-tcp.txt");
  // Discovery is not used here, so no OSHI operating system is needed.
  final Host host = new WindowsHost(null, new WindowsAdvisor(WindowsServices.NONE, netsh));

  @Test
  void theHooksReachTheAdvisor() {
    assertTrue(host.whyUnbindable(new Endpoint(Protocol.TCP, "0.0.0.0", 8080), 0).orElseThrow().why().contains("8040-8139"));
    assertTrue(host.refusal(Proc.of(9120).name("wslrelay").build()).isPresent());
    assertTrue(host.advice(Proc.of(4).parent(0).name("System").build(), 80).orElseThrow().why().contains("http.sys"));
    assertEquals(List.of("netsh interface ipv4 show excludedportrange protocol=tcp",
        "netsh http show servicestate view=requestq"), netsh.calls);
  }
}
