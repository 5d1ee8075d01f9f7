package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.ProcessTable;
import dev.freeport.core.model.ProcessTable.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
  static Row row(long pid, long start, long parent) {
    return new Row(new ProcessRef(pid, start), parent);
  }

  final ProcessTable table = new ProcessTable(List.of(
      row(1, 0, 0), row(100, 10, 1), row(101, 11, 100), row(102, 12, 101), row(103, 13, 100),
      row(200, 5, 100), // started before 100: its parent is an earlier process that had PID 100
      row(300, 20, 1)));

  @Test
  void descendantsParentsFirst() {
    assertEquals(List.of(new ProcessRef(101, 11), new ProcessRef(103, 13), new ProcessRef(102, 12)),
        table.descendants(new ProcessRef(100, 10)));
  }

  @Test
  void aChildOlderThanItsParentIsNotItsChild() {
    assertTrue(table.descendants(new ProcessRef(100, 10)).stream().noneMatch(r -> r.pid() == 200));
  }

  @Test
  void aRootWithAnotherStartTimeIsAnotherProcess() {
    assertEquals(List.of(), table.descendants(new ProcessRef(100, 99)));
  }

  @Test
  void ancestorsNearestFirst() {
    assertEquals(List.of(101L, 100L, 1L), table.ancestors(102));
    assertEquals(List.of(), table.ancestors(1));
  }

  /** Windows never re-parents: a dead parent's pid may name a later, unrelated process. */
  @Test
  void ancestorsStopAtAParentThatStartedAfterTheChild() {
    ProcessTable t = new ProcessTable(List.of(row(1, 0, 0), row(400, 50, 350), row(350, 60, 1)));
    assertEquals(List.of(), t.ancestors(400));
    assertEquals(List.of(1L), t.ancestors(350));
  }
}
