package dev.freeport.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.model.SocketRow;
import dev.freeport.testing.Proc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The picker's filtering, marks and screen, on plain data. */
class PickListTest {
  static SocketRow row(int port, long pid, String name, String command) {
    return new SocketRow(new Endpoint(Protocol.TCP, "127.0.0.1", port),
        Optional.of(Proc.of(pid).name(name).command(command).user("dev").build()));
  }

  final List<PickList.Row> rows = PickList.rows(List.of(
      row(3000, 10, "node", "node server.js"),
      row(5432, 20, "postgres", "postgres -D /var/lib/pg"),
      row(8080, 30, "java", "java -jar app.jar --port 8080"),
      row(8080, 31, "java", "java -jar app.jar --port 8080"),
      new SocketRow(new Endpoint(Protocol.TCP, "0.0.0.0", 2024), Optional.empty())), Instant.EPOCH.plusSeconds(100));

  @Test
  void onePortPerRowWithItsFirstHolderAndTheOthersCounted() {
    assertEquals(4, rows.size());
    assertEquals("30+1", rows.get(2).pid());
    assertEquals("(owner not visible)", rows.get(3).command());
  }

  @Test
  void digitsPickPortsByTheirBeginningAndLettersAreFuzzyWithinOneField() {
    PickList list = new PickList(rows);
    "80".chars().forEach(c -> list.type((char) c));
    assertEquals(List.of(8080), list.visible().stream().map(PickList.Row::port).toList());
    list.backspace();
    list.backspace();
    "pgs".chars().forEach(c -> list.type((char) c));
    assertEquals(List.of(5432), list.visible().stream().map(PickList.Row::port).toList(), "p..g..s in postgres");
    list.backspace();
    list.backspace();
    list.backspace();
    "nodejava".chars().forEach(c -> list.type((char) c));
    assertEquals(List.of(), list.visible(), "not across fields");
  }

  @Test
  void enterTakesTheMarkedPortsOrElseTheOneUnderTheCursor() {
    PickList list = new PickList(rows);
    assertEquals(PortSet.of(3000), list.chosen());
    list.toggle();
    list.move(2);
    list.toggle();
    assertEquals(PortSet.of(3000, 8080), list.chosen());
    list.toggle();
    assertEquals(PortSet.of(3000), list.chosen());
    list.move(99);
    assertEquals(2024, list.current().orElseThrow().port(), "the cursor stops at the last row");
    "zzz".chars().forEach(c -> list.type((char) c));
    assertEquals(PortSet.of(3000), list.chosen(), "a mark survives a filter that hides it");
  }

  @Test
  void aRefreshKeepsMarksOnPortsStillThereAndDropsTheOthers() {
    PickList list = new PickList(rows);
    list.toggle();
    list.move(1);
    list.toggle();
    list.refresh(PickList.rows(List.of(row(5432, 20, "postgres", "postgres"), row(9000, 40, "new", "new")), Instant.EPOCH));
    assertEquals(PortSet.of(5432), list.chosen());
    assertEquals(List.of(5432, 9000), list.visible().stream().map(PickList.Row::port).toList());
  }

  @Test
  void everyLineFitsEvenTwentyColumnsAndHostileTextIsShownSanitised() {
    PickList list = new PickList(PickList.rows(List.of(row(4000, 50, "evil\u001b[2J", "x\u001b]0;pwned\u0007 \u202eevil")),
        Instant.EPOCH));
    for (int width : new int[] {20, 80}) {
      List<String> lines = list.render(width, 10, Terminal.plain());
      for (String line : lines) {
        assertTrue(Terminal.columns(line) <= width, width + ": " + line);
        assertFalse(line.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), line);
      }
    }
    assertTrue(String.join("\n", list.render(80, 10, Terminal.plain())).contains("evil?[2J"));
  }

  @Test
  void theCursorRowStaysOnAShortScreen() {
    PickList list = new PickList(rows);
    list.move(3);
    List<String> lines = list.render(80, 5, Terminal.plain()); // room for one row
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("> ") && l.contains("2024")), String.join("\n", lines));
  }
}
