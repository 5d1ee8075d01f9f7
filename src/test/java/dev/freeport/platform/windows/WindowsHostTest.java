package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Host;
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
    assertTrue(host.advisor().whyUnbindable(new Endpoint(Protocol.TCP, "0.0.0.0", 8080), 0).orElseThrow().why().contains("8040-8139"));
    assertTrue(host.advisor().refusal(Proc.of(9120).name("wslrelay").build()).isPresent());
    assertTrue(host.advisor().advice(Proc.of(4).parent(0).name("System").build(), 80).orElseThrow().why().contains("http.sys"));
    assertEquals(List.of("netsh interface ipv4 show excludedportrange protocol=tcp",
        "netsh http show servicestate view=requestq"), netsh.calls);
  }

  /**
   * The JDK binds exclusively on Windows and reports a bind inside an excluded range with the same
   * "in use" failure it learns on loopback: the port is in use, and the advisor names the range.
   */
  @Test
  void aPortInAnExcludedRangeIsInUseAndTheRangeIsNamed() {
    dev.freeport.testing.ScriptedHost probe = new dev.freeport.testing.ScriptedHost();
    probe.inUseMessage = "Address already in use: bind";
    probe.blockWithoutHolder(new Endpoint(Protocol.TCP, "0.0.0.0", 8080));
    dev.freeport.core.model.BindCheck c = new dev.freeport.core.engine.PortVerifier(probe, host.bindSemantics())
        .check(8080, java.util.EnumSet.of(Protocol.TCP));
    dev.freeport.core.model.BindCheck.InUse inUse = org.junit.jupiter.api.Assertions.assertInstanceOf(
        dev.freeport.core.model.BindCheck.InUse.class, c);
    String why = new dev.freeport.core.explain.Explainer(
        new dev.freeport.core.explain.ContainerLookup(dev.freeport.core.port.CommandRunner.NONE, dev.freeport.core.engine.Deadlines.COMMAND), host.advisor())
        .unbindable(inUse.endpoint(), 0).why();
    assertTrue(why.contains("8040-8139"), why);
  }
}
