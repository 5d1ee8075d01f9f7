package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.platform.Recorded;
import dev.freeport.platform.windows.ExcludedPortRanges.Range;
import dev.freeport.platform.windows.HttpServiceState.Attached;
import java.util.List;
import org.junit.jupiter.api.Test;

/** netsh output as documented (see src/test/resources/windows/README.md), parsed. */
class NetshParsersTest {

  @Test
  void excludedRangesWithTheAdministeredMark() {
    List<Range> r = ExcludedPortRanges.parse(Recorded.text("windows/netsh-excludedportrange-ipv4-tcp.txt"));
    assertEquals(List.of(new Range(1080, 1179, false), new Range(2869, 2869, false), new Range(5357, 5357, false),
        new Range(8040, 8139, false), new Range(8140, 8239, false), new Range(50000, 50059, true)), r);
    assertEquals("8040-8139", ExcludedPortRanges.containing(r, 8080).orElseThrow().label());
    assertEquals("5357", ExcludedPortRanges.containing(r, 5357).orElseThrow().label());
    assertEquals(true, ExcludedPortRanges.containing(r, 3000).isEmpty());
  }

  @Test
  void localisedHeadingsDoNotMatter() {
    assertEquals(List.of(new Range(1433, 1433, true), new Range(49709, 49808, false)),
        ExcludedPortRanges.parse(Recorded.text("windows/netsh-excludedportrange-ipv4-tcp-de.txt")));
    assertEquals(List.of(), ExcludedPortRanges.parse("The requested operation requires elevation.\r\n"));
    assertEquals(List.of(), ExcludedPortRanges.parse("      0        80\r\n     9000    8000\r\n  70000  70001\r\n"),
        "impossible rows are not ranges");
  }

  @Test
  void requestQueuesWithTheirProcessesAndPorts() {
    List<HttpServiceState.Queue> q = HttpServiceState.parse(Recorded.text("windows/netsh-http-servicestate-requestq.txt"));
    assertEquals(5, q.size(), "the server session block repeats URLs and is not a queue: " + q);
    HttpServiceState.Queue winrm = q.get(0);
    assertEquals("", winrm.name());
    assertEquals(List.of(new Attached(3908, "C:\\Windows\\System32\\svchost.exe")), winrm.processes());
    assertEquals(List.of(5985, 47001), winrm.ports());
    assertEquals("DefaultAppPool", q.get(1).name());
    assertEquals(List.of(), q.get(1).processes(), "the controller (WAS) is not an attached process");
    assertEquals("Intranet Pool", q.get(2).name());
    assertEquals("RSHostingService.exe", q.get(3).processes().get(0).fileName());
    assertEquals(List.of(80, 80, 443), q.get(3).ports());
    assertEquals(List.of(q.get(1), q.get(3)), HttpServiceState.onPort(q, 80));
    assertEquals(List.of(q.get(4)), HttpServiceState.onPort(q, 9000));
    assertEquals(List.of(), HttpServiceState.onPort(q, 8080));
  }
}
