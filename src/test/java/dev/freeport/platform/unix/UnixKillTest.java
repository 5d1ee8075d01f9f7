package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.Terminator.Action;
import dev.freeport.core.port.Terminator.Delivery;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.linux.LinuxProcessInspector;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real kill path on real processes: the JDK for TERM and KILL, libc for the rest. Which process may be signalled is SignalGateTest's. */
@EnabledOnOs(OS.LINUX)
class UnixKillTest {
  final LinuxProcessInspector procs = new LinuxProcessInspector(Path.of("/proc"));
  final UnixKill kill = new UnixKill(new BackgroundLibC());
  Process child;

  @AfterEach
  void reap() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
  }

  ProcessRef start() throws Exception {
    child = new ProcessBuilder("sleep", "60").start();
    return procs.identify(child.pid()).orElseThrow();
  }

  @Test
  void termEndsTheProcessShown() throws Exception {
    ProcessRef p = start();
    assertEquals(Delivery.DELIVERED, kill.target(p.pid()).send(Action.GRACEFUL, 15));
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    assertEquals(143, child.exitValue(), "ended by SIGTERM");
  }

  @Test
  void stopAndContinueGoThroughLibc() throws Exception {
    ProcessRef p = start();
    assertEquals(Delivery.DELIVERED, kill.target(p.pid()).send(Action.FREEZE, 19));
    assertTrue(waitFor(() -> procs.mayBeStopped(p)), "stopped after SIGSTOP");
    assertEquals(Delivery.DELIVERED, kill.target(p.pid()).send(Action.RESUME, 18));
    assertTrue(waitFor(() -> !procs.mayBeStopped(p)), "running again after SIGCONT");
  }

  @Test
  void aProcessTakenBeforeItExitedIsGoneNotItsPidsNextOwner() throws Exception {
    ProcessRef p = start();
    KillTerminator.Target taken = kill.target(p.pid());
    child.destroyForcibly().waitFor();
    assertEquals(Delivery.GONE, taken.send(Action.GRACEFUL, 15));
    assertEquals(Delivery.GONE, taken.send(Action.FORCE, 9));
  }

  @Test
  void anExitedProcessIsGone() throws Exception {
    ProcessRef p = start();
    child.destroyForcibly().waitFor();
    assertEquals(Delivery.GONE, kill.target(p.pid()).send(Action.GRACEFUL, 15));
    assertEquals(Delivery.GONE, kill.target(p.pid()).send(Action.FORCE, 9));
  }

  /** libc that cannot be bound, as under a noexec /tmp without a writable home. */
  static UnixKill withoutLibc() {
    return new UnixKill(new BackgroundLibC(() -> {
      throw new UnsatisfiedLinkError("noexec");
    }, java.time.Duration.ofSeconds(5)));
  }

  /** Without libc, --signal INT still sends SIGINT (through kill(1)), not a silent SIGKILL. */
  @Test
  void withoutLibcAGracefulSignalGoesThroughTheKillCommand() throws Exception {
    ProcessRef p = start();
    assertEquals(Delivery.DELIVERED, withoutLibc().target(p.pid()).send(Action.GRACEFUL, 2));
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    assertEquals(130, child.exitValue(), "ended by SIGINT");
  }

  /** No libc (JNA cannot unpack its native part): no freeze or resume, and the kill works all the same. */
  @Test
  void withoutLibcStopIsUnsupportedAndKillStillWorks() throws Exception {
    UnixKill noLibc = withoutLibc();
    ProcessRef p = start();
    assertEquals(Delivery.UNSUPPORTED, noLibc.target(p.pid()).send(Action.FREEZE, 19));
    assertEquals(Delivery.UNSUPPORTED, noLibc.target(p.pid()).send(Action.RESUME, 18));
    assertEquals(FrozenWindow.NONE, noLibc.openFrozenWindow(), "nothing to guard without a freeze");
    assertFalse(procs.mayBeStopped(p));
    assertEquals(Delivery.DELIVERED, noLibc.target(p.pid()).send(Action.FORCE, 9));
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "ended by SIGKILL");
  }

  /** Polls a condition the kernel settles within milliseconds; gives up after 10 s. */
  static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(2);
    }
    return true;
  }
}
