package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.PortOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void everyOutcomeHasTheDocumentedCode() {
    Map<PortOutcome, ExitCode> documented = Map.of(
        PortOutcome.FREE, ExitCode.OK,
        PortOutcome.FREED, ExitCode.OK,
        PortOutcome.HELD, ExitCode.BUSY,
        PortOutcome.STILL_BUSY, ExitCode.BUSY,
        PortOutcome.RESPAWNED, ExitCode.BUSY,
        PortOutcome.DECLINED, ExitCode.DECLINED,
        PortOutcome.DENIED, ExitCode.PERMISSION,
        PortOutcome.HIDDEN, ExitCode.PERMISSION,
        PortOutcome.REFUSED, ExitCode.REFUSED);
    for (PortOutcome o : PortOutcome.values()) {
      assertEquals(documented.get(o), ExitCode.of(o), o.name());
      assertEquals(o.free(), ExitCode.of(o) == ExitCode.OK, o.name() + ": success exactly when free");
    }
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
