package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.Status;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void eachStatusHasItsDocumentedCode() {
    assertEquals(List.of(0, 3, 1, 6, 4, 5, 130), Arrays.stream(Status.values()).map(s -> ExitCode.of(s).code()).toList());
    for (Status s : Status.values()) {
      assertEquals(s.exitCode(), ExitCode.of(s).code(), s.name());
    }
  }

  @Test
  void theWorstStatusWinsInTheDocumentedOrder() {
    assertEquals(Status.FREE, Status.worst(List.of()));
    assertEquals(Status.DECLINED, Status.worst(List.of(Status.FREE, Status.DECLINED)));
    assertEquals(Status.BUSY, Status.worst(List.of(Status.DECLINED, Status.BUSY, Status.FREE)));
    assertEquals(Status.UNVERIFIED, Status.worst(List.of(Status.BUSY, Status.UNVERIFIED)));
    assertEquals(Status.PERMISSION, Status.worst(List.of(Status.UNVERIFIED, Status.PERMISSION)));
    assertEquals(Status.REFUSED, Status.worst(List.of(Status.REFUSED, Status.PERMISSION, Status.FREE)));
    assertEquals(Status.INTERRUPTED, Status.worst(List.of(Status.REFUSED, Status.INTERRUPTED)));
  }

  @Test
  void codesAreDistinctAndAnInternalFailureIsNotBusy() {
    assertEquals(ExitCode.values().length, Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count());
    assertEquals(70, ExitCode.INTERNAL.code());
  }
}
