package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Against process facts as OSHI reports them on Windows. */
class WindowsAdviceTest {
  static ProcessInfo proc(long pid, String name) {
    return new ProcessInfo(new ProcessRef(pid, 1), 0, name, "", Optional.of("SYSTEM"), Optional.empty(),
        OptionalLong.empty(), false);
  }

  @Test
  void systemPid4IsHttpSys() {
    var a = WindowsAdvice.of(proc(4, "System"), 80).orElseThrow();
    assertTrue(a.why().contains("http.sys"), a.why());
    assertTrue(a.instead().startsWith("netsh http show servicestate"), a.instead());
  }

  @Test
  void svchostNamesTheWayToTheService() {
    var a = WindowsAdvice.of(proc(1234, "svchost.exe"), 5357).orElseThrow();
    assertEquals("tasklist /svc /fi \"PID eq 1234\" names the service; sc stop NAME stops it", a.instead());
  }

  @Test
  void ordinaryProcessesHaveNone() {
    assertEquals(Optional.empty(), WindowsAdvice.of(proc(5000, "node.exe"), 3000));
  }
}
