package dev.freeport.platform.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MacAdviceTest {
  static ProcessInfo proc(long parent, String name) {
    return new ProcessInfo(new ProcessRef(800, 1), parent, name, name, Optional.of("me"), Optional.empty(),
        OptionalLong.empty(), false);
  }

  @Test
  void aLaunchdChildMayBeAKeepAliveJob() {
    var a = MacAdvice.of(proc(1, "postgres"), 5432).orElseThrow();
    assertTrue(a.why().contains("KeepAlive"), a.why());
    assertTrue(a.instead().startsWith("launchctl list | grep -i postgres"), a.instead());
  }

  @Test
  void aShellChildIsNot() {
    assertEquals(Optional.empty(), MacAdvice.of(proc(4321, "node"), 3000));
  }
}
