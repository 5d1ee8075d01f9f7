package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.fixtures.Fixtures;
import dev.freeport.fixtures.Fixtures.Started;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hook recipes in scripts/examples, run for real with npm and make against a busy port. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real processes through /proc; see README")
class RecipesIT {
  @RegisterExtension final Fixtures fixtures = new Fixtures();
  private Path work;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    work = Files.createTempDirectory("freeport-recipe");
    bin = Files.createDirectories(work.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("freeport"), Path.of("scripts/freeport").toAbsolutePath());
  }

  @AfterEach
  void tearDown() throws Exception {
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private ProcessBuilder inWork(String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    return pb;
  }

  @Test
  void makeFreesThePortBeforeRunning() throws Exception {
    Files.copy(Path.of("scripts/examples/make/Makefile"), work.resolve("Makefile"));
    Started busy = fixtures.listener();
    Process make = inWork("make", "free-port", "PORT=" + busy.port()).start();
    String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(make.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, make.exitValue(), out);
    assertFalse(Procs.running(busy.process().toHandle()), out);
    assertFalse(out.contains("Port "), "--quiet prints nothing on success: " + out);
  }

  @Test
  void npmPrestartFreesThePortAndTheServerStarts() throws Exception {
    for (String f : new String[] {"package.json", "server.js"}) {
      Files.copy(Path.of("scripts/examples/npm", f), work.resolve(f));
    }
    Started busy = fixtures.listener("--addr", "0.0.0.0");
    ProcessBuilder pb = inWork("npm", "start");
    pb.environment().put("PORT", Integer.toString(busy.port()));
    Process npm = pb.start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
        StringBuilder seen = new StringBuilder();
        try {
          for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains("listening on " + busy.port())) {
              return seen.toString();
            }
          }
        } catch (java.io.IOException e) {
          // fall through
        }
        throw new AssertionError("the server never started:\n" + seen);
      });
      String out = started.get(120, TimeUnit.SECONDS);
      assertFalse(Procs.running(busy.process().toHandle()), out);
    } finally {
      npm.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      npm.destroyForcibly().waitFor();
    }
  }
}
