package dev.freeport.core.kill;

import dev.freeport.core.model.GracefulSignal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class GracefulSignalTest {
  @Test
  void namesAsUsersWriteThem() {
    assertEquals(GracefulSignal.TERM, GracefulSignal.parse("TERM"));
    assertEquals(GracefulSignal.INT, GracefulSignal.parse("sigint"));
    assertEquals(GracefulSignal.USR2, GracefulSignal.parse("SIGUSR2"));
    assertEquals(GracefulSignal.CTRL_BREAK, GracefulSignal.parse("ctrl-break"));
    assertEquals(GracefulSignal.CLOSE, GracefulSignal.parse("close"));
  }

  @Test
  void unknownNamesAndTheForcedStepAreUsageErrors() {
    for (String bad : new String[] {"KILL", "9", "", "TERM\u001b[31m", "STOP"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> GracefulSignal.parse(bad));
      assertTrue(e.getMessage().startsWith("unknown signal '"), e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "no control character echoed");
    }
  }
}
