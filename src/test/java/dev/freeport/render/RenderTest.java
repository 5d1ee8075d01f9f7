package dev.freeport.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.model.Verdict;
import dev.freeport.testing.Proc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RenderTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Endpoint TCP = new Endpoint(Protocol.TCP, "127.0.0.1", 8080);

  /** A process of alice's, up 1h02m at NOW, using 80.3 MB. */
  static Proc alices(long pid) {
    return Proc.of(pid).user("alice").start(NOW.getEpochSecond() - 3725).memory(84_200_000);
  }

  static String print(Consumer<PrintStream> body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    body.accept(new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonTimesReadAsInstantToString() {
    java.util.Random random = new java.util.Random(20261124L);
    for (int n = 0; n < 20_000; n++) {
      long seconds = random.nextInt(4) == 0 ? random.nextInt(86400) * 60L : Math.floorMod(random.nextLong(), 4_102_444_800L);
      int nanos = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      assertEquals(t.toString(), JsonView.iso(t));
    }
  }

  @Test
  void findsAnswerIsOnePortOrNull() {
    String found = print(out -> JsonView.writeFreePort(OptionalInt.of(3001), out));
    assertEquals("{\"port\":3001}", found.replaceAll("\\s", ""), found);
    assertTrue(found.endsWith("}\n"), found);
    assertEquals("{\"port\":null}", print(out -> JsonView.writeFreePort(OptionalInt.empty(), out)).replaceAll("\\s", ""));
  }

  @Test
  void listIsAlignedAndCutToTheTerminalWidth() {
    List<SocketRow> rows = List.of(
        new SocketRow(TCP, Optional.of(alices(42).name("node").command("node " + "x".repeat(200)).build())),
        new SocketRow(new Endpoint(Protocol.UDP, "::", 5353), Optional.empty()));
    String wide = print(out -> new ListView(Terminal.plain()).print(rows, out));
    assertTrue(wide.contains("x".repeat(200)), "whole command off a terminal");
    String narrow = print(out -> new ListView(Terminal.of(false, 60)).print(rows, out));
    assertTrue(narrow.lines().allMatch(l -> l.length() <= 60), narrow);
    assertTrue(narrow.contains("..."), narrow);
    List<String> lines = wide.lines().toList();
    assertEquals(lines.get(0).indexOf("PID"), lines.get(1).indexOf("42"), "columns line up");
    assertTrue(lines.get(2).startsWith("udp6   ::"), lines.get(2));
    assertTrue(lines.get(2).contains("(owner not visible)"));
  }

  @Test
  void surveyShowsTreeFactsAndRefusals() {
    ProcessNode child = new ProcessNode(alices(43).name("worker").command("node worker.js").build(), Verdict.ALLOWED, List.of());
    ProcessNode holder = new ProcessNode(alices(42).name("node").command("node server.js").build(), Verdict.ALLOWED, List.of(child));
    ProcessNode shell = new ProcessNode(alices(7).name("bash").command("bash").build(), new Verdict.Refused("it started freeport"), List.of());
    PortFinding f = new PortFinding(8080, List.of(new ListeningSocket(TCP, List.of(42L, 7L))), List.of(holder, shell),
        new dev.freeport.core.model.BindCheck.Held(), java.util.Optional.empty());
    String out = print(o -> new ReportView(Terminal.plain(), "use sudo", NOW).printSurvey(List.of(f), o));
    assertTrue(out.startsWith("Port 8080 (tcp 127.0.0.1:8080) is held by:"), out);
    assertTrue(out.contains("PID 42  node  user alice  up 1h02m  mem 80.3 MB"), out);
    assertTrue(out.contains("  \\_ PID 43  worker"), out);
    assertTrue(out.contains("(will not be stopped: it started freeport)"), out);
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    assertFalse(Terminal.detect(false, false, Map.of()).colour());
    assertTrue(Terminal.detect(true, false, Map.of("COLUMNS", "80")).colour());
    assertFalse(Terminal.detect(true, true, Map.of("COLUMNS", "80")).colour(), "--no-color");
    assertFalse(Terminal.detect(true, false, Map.of("NO_COLOR", "1", "COLUMNS", "80")).colour());
    assertFalse(Terminal.detect(true, false, Map.of("TERM", "dumb", "COLUMNS", "80")).colour());
    assertEquals(80, Terminal.detect(true, false, Map.of("COLUMNS", "80")).width());
    assertEquals("x", Terminal.plain().style(Terminal.Style.BAD, "x"));
    assertTrue(Terminal.of(true, 0).style(Terminal.Style.BAD, "x").contains("\u001b["));
  }

  @Test
  void formats() {
    assertEquals("59s", Formats.uptime(Optional.of(NOW.minusSeconds(59)), NOW));
    assertEquals("2m05s", Formats.uptime(Optional.of(NOW.minusSeconds(125)), NOW));
    assertEquals("1d01h", Formats.uptime(Optional.of(NOW.minusSeconds(90000)), NOW));
    assertEquals("?", Formats.uptime(Optional.empty(), NOW));
    assertEquals("0.0", Formats.oneDecimal(0.04));
    assertEquals("0.1", Formats.oneDecimal(0.05));
    assertEquals("5.1", Formats.oneDecimal(5.06));
    assertEquals("10.0", Formats.oneDecimal(9.96));
    for (int i = 0; i < 2000; i++) {
      double v = i * 0.0137;
      assertEquals(String.format(java.util.Locale.ROOT, "%.1f", v), Formats.oneDecimal(v), "as %.1f for " + v);
    }
    assertEquals("512 B", Formats.bytes(OptionalLong.of(512)));
    assertEquals("1.5 GB", Formats.bytes(OptionalLong.of(1610612736L)));
    assertEquals("1 process", Formats.processes(1));
  }

  @Test
  void statusLineNamesWhatRunsAndCountsDown() {
    assertEquals("Forcing in 4.5 s: waiting for 2 to exit (node 42, java 43)",
        StatusLine.waiting(List.of("node 42", "java 43"), java.time.Duration.ofMillis(4500)));
    assertEquals("Forcing in 0.0 s: waiting for 6 to exit (a, b, c, d and 2 more)",
        StatusLine.waiting(List.of("a", "b", "c", "d", "e", "f"), java.time.Duration.ofMillis(-5)));
    assertEquals("Forcing in 1.0 s: waiting for 1 to exit (x?[2J)",
        StatusLine.waiting(List.of("x\u001b[2J"), java.time.Duration.ofSeconds(1)), "names are sanitised");
    String line = Terminal.of(false, 20).overwriteLine("0123456789012345678901234");
    assertTrue(line.startsWith("\r0123456789012345..."), line);
    assertTrue(line.endsWith("\u001b[0K"), "erases the rest of the line: " + line);
  }
}
