package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void ordinaryProcess() {
    ProcStat s = ProcStat.parse("4242 (java) S 4200 4242 4200 34816 4242 4194304 5012 0 0 0 40 9 0 0 20 0 23 0 123456 3300000000 21000 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    assertEquals(4242, s.pid());
    assertEquals("java", s.comm());
    assertEquals('S', s.state());
    assertEquals(4200, s.parentPid());
    assertEquals(123456, s.startTicks());
    assertFalse(s.kernelThread());
    assertFalse(s.zombie());
  }

  @Test
  void nameWithSpacesAndParentheses() {
    ProcStat s = ProcStat.parse("77 (evil) S 1 (x) Z 3 77 77 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 999 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
    assertEquals("evil) S 1 (x", s.comm());
    assertEquals('Z', s.state());
    assertTrue(s.zombie());
    assertEquals(3, s.parentPid());
    assertEquals(999, s.startTicks());
  }

  @Test
  void kernelThreadFlag() {
    ProcStat s = ProcStat.parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0");
    assertTrue(s.kernelThread());
  }
}
