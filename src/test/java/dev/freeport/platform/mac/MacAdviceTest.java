package dev.freeport.platform.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.testing.Proc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against process facts as a Mac shows them (name, command line, parent). */
class MacAdviceTest {
  static final ProcessInfo CONTROL_CENTER = Proc.of(611).parent(1).name("ControlCenter")
      .command("/System/Library/CoreServices/ControlCenter.app/Contents/MacOS/ControlCenter").user("me").build();

  @Test
  void airPlayReceiverOnPort5000IsExplainedAndNeverStopped() {
    Advice a = MacAdvice.of(CONTROL_CENTER, 5000).orElseThrow();
    assertEquals("AirPlay Receiver (ControlCenter, PID 611) listens on port 5000; it is part of macOS and is not"
        + " stopped", a.why());
    assertEquals("turn off AirPlay Receiver in System Settings, General, AirDrop & Handoff (System Preferences,"
        + " Sharing before macOS 13), or use another port", a.instead());
    assertEquals(Optional.of("it is macOS's AirPlay Receiver (ControlCenter); turn it off in System Settings instead"),
        MacAdvice.refusal(CONTROL_CENTER));
    assertTrue(MacAdvice.of(CONTROL_CENTER, 7000).orElseThrow().why().contains("port 7000"));
  }

  @Test
  void aLaunchdChildMayBeAKeepAliveJob() {
    ProcessInfo postgres = Proc.of(800).parent(1).name("postgres").build();
    Advice a = MacAdvice.of(postgres, 5432).orElseThrow();
    assertTrue(a.why().contains("KeepAlive"), a.why());
    assertEquals("launchctl list | grep -i postgres finds its label; launchctl bootout gui/$(id -u)/LABEL"
        + " (or system/LABEL with sudo) stops it for good", a.instead());
    assertEquals(Optional.empty(), MacAdvice.refusal(postgres));
  }

  @Test
  void aNameThatIsNotAPlainWordStaysOutOfTheCommand() {
    Advice a = MacAdvice.of(Proc.of(801).parent(1).name("x; rm -rf ~").build(), 8000).orElseThrow();
    assertTrue(a.instead().startsWith("launchctl list finds its label;"), a.instead());
  }

  @Test
  void aShellChildIsNot() {
    ProcessInfo node = Proc.of(4400).parent(4321).name("node").build();
    assertEquals(Optional.empty(), MacAdvice.of(node, 3000));
    assertEquals(Optional.empty(), MacAdvice.refusal(node));
  }
}
