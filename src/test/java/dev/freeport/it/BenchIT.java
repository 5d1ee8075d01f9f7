package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs the benchmark at its smoke size, so CI keeps it working: every table is printed, and
 * freeport freed the port in every run. The figures themselves are not asserted: timing belongs
 * to scripts/bench, not to tests.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class BenchIT {

  @Test
  void smokeRunPrintsEveryTableAndFreeportAlwaysFreesThePort() throws Exception {
    Process p = new ProcessBuilder("scripts/bench", "--smoke").redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bench hung");
    assertEquals(0, p.exitValue(), out);
    for (String table : List.of("## the floor", "## free a listener (orphan", "## free a listener (with parent",
        "## list at 200 sockets / 10 processes")) {
      assertTrue(out.contains(table), table + "\n" + out);
    }
    List<String> freeportRows = out.lines().filter(l -> l.startsWith("freeport PORT") || l.startsWith("freeport list")).toList();
    // Each freeport row once for the JDK, and once more for the self-contained runtime when built.
    long selfContained = freeportRows.stream().filter(l -> l.contains("[self-contained]")).count();
    assertEquals(6, freeportRows.size() - selfContained, out);
    assertTrue(selfContained == 0 || selfContained == 6, out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("Hello World JVM")), out);
    assertTrue(freeportRows.stream().noneMatch(l -> l.contains("left the port busy")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("ss -Htlnp")), out);
  }
}
