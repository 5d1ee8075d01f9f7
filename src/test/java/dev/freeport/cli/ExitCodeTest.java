package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.PortOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void everyOutcomeHasACode() {
    for (PortOutcome o : PortOutcome.values()) {
      ExitCode.of(o);
    }
    assertEquals(ExitCode.OK, ExitCode.of(PortOutcome.FREED));
    assertEquals(ExitCode.BUSY, ExitCode.of(PortOutcome.RESPAWNED));
    assertEquals(ExitCode.PERMISSION, ExitCode.of(PortOutcome.HIDDEN));
  }

  @Test
  void theWorstOutcomeWins() {
    assertEquals(ExitCode.OK, ExitCode.worst(List.of()));
    assertEquals(ExitCode.OK, ExitCode.worst(List.of(PortOutcome.FREE, PortOutcome.FREED)));
    assertEquals(ExitCode.BUSY, ExitCode.worst(List.of(PortOutcome.FREED, PortOutcome.STILL_BUSY)));
    assertEquals(ExitCode.PERMISSION, ExitCode.worst(List.of(PortOutcome.RESPAWNED, PortOutcome.DENIED)));
    assertEquals(ExitCode.REFUSED, ExitCode.worst(List.of(PortOutcome.REFUSED, PortOutcome.DENIED, PortOutcome.FREED)));
    assertEquals(ExitCode.DECLINED, ExitCode.worst(List.of(PortOutcome.FREE, PortOutcome.DECLINED)));
  }

  @Test
  void codesAreDistinct() {
    assertEquals(ExitCode.values().length,
        java.util.Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count());
  }
}
