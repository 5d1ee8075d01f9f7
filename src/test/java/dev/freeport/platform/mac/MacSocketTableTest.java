package dev.freeport.platform.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The libproc walk against recorded per-process data (src/test/resources/mac/libproc-walk.txt). */
class MacSocketTableTest {
  static final Set<Protocol> BOTH = EnumSet.allOf(Protocol.class);

  static List<String> rows(List<ListeningSocket> sockets) {
    return sockets.stream().map(s -> s.endpoint().protocol().label() + " " + s.endpoint().hostPort() + " " + s.holders()).toList();
  }

  final ScriptedLibProc lib = ScriptedLibProc.recorded("mac/libproc-walk.txt");
  final MacSocketTable table = new MacSocketTable(lib);

  @Test
  void listenersAndUnconnectedUdpWithAllTheirHolders() {
    assertEquals(List.of("tcp [::]:5000 [88]", "tcp [::1]:8080 [501, 502]", "udp 127.0.0.1:5353 [640]"),
        rows(table.listening(BOTH, PortSet.all())),
        "the shared socket lists both node processes; the connection, the closed fd, denied and vanished"
            + " processes give nothing");
  }

  @Test
  void protocolsAndPortsFilter() {
    assertEquals(List.of("tcp [::1]:8080 [501, 502]"), rows(table.listening(EnumSet.of(Protocol.TCP), PortSet.of(8080))));
    assertEquals(List.of(), rows(table.listening(EnumSet.of(Protocol.TCP), PortSet.of(5353))));
    assertEquals(List.of(), rows(table.listening(BOTH, PortSet.of(51234))), "a client's port is not held");
  }

  @Test
  void moreThan1024ProcessesAreAllRead() {
    ScriptedLibProc many = new ScriptedLibProc();
    for (int pid = 100; pid < 1600; pid++) {
      many.processes.put(pid, new ArrayList<>());
    }
    many.processes.get(1599).add(new ScriptedLibProc.Fd(9, ScriptedLibProc.SOCKET,
        ScriptedLibProc.dump("mac/tcp6-listen-loopback-8080.hex")));
    assertEquals(List.of("tcp [::1]:8080 [1599]"), rows(new MacSocketTable(many).listening(BOTH, PortSet.of(8080))));
  }

  @Test
  void aPidListThatGrewSinceItWasSizedIsReadAgainLarger() {
    ScriptedLibProc growing = new ScriptedLibProc();
    for (int pid = 1; pid <= 300; pid++) {
      growing.processes.put(pid, new ArrayList<>());
    }
    growing.unreportedPids = 290; // sized for 10, then 300 exist
    assertEquals(300, new MacSocketTable(growing).pids().length);
    assertEquals(3, growing.pidListReads, "room for 74, then 212 came back full; 488 did not");
  }

  @Test
  void nothingReadableIsNothingListed() {
    ScriptedLibProc empty = new ScriptedLibProc();
    assertEquals(List.of(), new MacSocketTable(empty).listening(BOTH, PortSet.all()));
  }
}
