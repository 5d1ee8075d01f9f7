package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessRef;
import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Process states read from the real /proc. */
@EnabledOnOs(OS.LINUX)
class LinuxProcessInspectorTest {
  static final Path HOLDERS = Path.of("src/test/resources/fixtures/holders.py").toAbsolutePath();
  @RegisterExtension final Fixtures fixtures = new Fixtures();
  final LinuxProcessInspector procs = new LinuxProcessInspector(Path.of("/proc"));

  /**
   * A process whose main thread exited shows state Z while its other threads run: SIGCONT is
   * needed only once they are stopped (a freeze), never after a plain SIGTERM, where it would
   * load libc for nothing.
   */
  @Test
  void aProcessWhoseMainThreadExitedMayBeStoppedOnlyWhenItsThreadsAre() throws Exception {
    Started h = fixtures.start(List.of("python3", HOLDERS.toString(), "main-thread-exits"));
    ProcessRef p = procs.identify(h.pid()).orElseThrow();
    assertTrue(waitFor(() -> procs.mayBeStopped(p) == false), "running threads: nothing to resume");
    signal("-STOP", h.pid());
    assertTrue(waitFor(() -> procs.mayBeStopped(p)), "frozen threads must be resumed");
    signal("-CONT", h.pid());
    assertTrue(waitFor(() -> !procs.mayBeStopped(p)), "running again");
  }

  static void signal(String signal, long pid) throws Exception {
    assertTrue(new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS));
  }

  /** Polls a state the kernel settles within milliseconds; gives up after 10 s. */
  static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
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
