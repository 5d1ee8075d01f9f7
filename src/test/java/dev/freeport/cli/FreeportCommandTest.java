package dev.freeport.cli;

import static dev.freeport.testing.ScriptedHost.Behaviour.EXITS_ON_TERM;
import static dev.freeport.testing.ScriptedHost.Behaviour.IGNORES_TERM;
import static dev.freeport.testing.ScriptedHost.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.Freeport;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.BindProbe;
import dev.freeport.core.port.CommandRunner;
import dev.freeport.testing.ScriptedHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code freeport PORT...} end to end on a scripted host: what it asks, signals, prints and returns, on any OS. */
class FreeportCommandTest {
  final ScriptedHost host = new ScriptedHost();

  record Run(int code, String out, String err) {}

  Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = stdin == null ? InputStream.nullInputStream()
        : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), in, Map.of(), stdin != null, false, false,
        () -> new Freeport(host, host, CommandRunner.NONE));
    int code = Cli.run(ctx, args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aConfirmedStopFreesThePortAndExitsZero() {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Run r = run("y\n", "8080");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.err().contains("Stop 1 process?"), r.err());
    assertTrue(r.out().contains("Port 8080 freed"), r.out());
    assertEquals(List.of("GRACEFUL 10", "RESUME 10"), host.log);
  }

  @Test
  void anAnswerOfNoSignalsNothingAndExitsThree() {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Run r = run("n\n", "8080");
    assertEquals(3, r.code(), r.toString());
    assertEquals(List.of(), host.log);
    assertTrue(host.get(10).alive());
  }

  @Test
  void aClosedStdinWithoutYesSignalsNothing() {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Run r = run(null, "8080");
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("--yes"), r.err());
    assertEquals(List.of(), host.log);
  }

  @Test
  void aDryRunShowsTheHolderInJsonAndTouchesNothing() {
    host.process(10, 1, "node", EXITS_ON_TERM).holds(tcp(8080));
    Run r = run(null, "8080", "--dry-run", "--json");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("\"outcome\" : \"held\"") && r.out().contains("\"pid\" : 10"), r.out());
    assertEquals(List.of(), host.log);
  }

  @Test
  void aHolderThatIgnoresTheRequestIsForcedAfterTheTimeout() {
    host.process(10, 1, "java", IGNORES_TERM).holds(tcp(8080));
    Run r = run(null, "8080", "--yes", "--timeout", "100ms", "--json");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("\"method\" : \"forced\""), r.out());
    assertEquals(List.of("GRACEFUL 10", "RESUME 10", "FREEZE 10", "FORCE 10"), host.log);
  }

  @Test
  void aCriticalHolderIsRefusedWithExitFive() {
    host.process(10, 1, "systemd", EXITS_ON_TERM).holds(tcp(8080));
    Run r = run(null, "8080", "--yes", "--quiet");
    assertEquals(5, r.code(), r.toString());
    assertEquals(List.of(), host.log);
    assertEquals("", r.out());
  }

  @Test
  void aPortThatCannotBeCheckedIsNeverFreeAndQuietSaysWhyOnOneLine() {
    host.failures.put(new Endpoint(Protocol.TCP, "0.0.0.0", 80), new BindProbe.Failure("java.net.BindException", "Keine Berechtigung"));
    Run r = run(null, "80", "--yes", "--quiet");
    assertEquals(6, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("freeport: port 80 unverified: binding 0.0.0.0:80 fails, but not because it is in use"), r.err());
  }

  @Test
  void aBusyPortWithNothingToStopExitsOne() {
    host.inUseMessage = "アドレスは既に使用中です";
    host.blockWithoutHolder(tcp(8080));
    Run r = run(null, "8080", "--yes");
    assertEquals(1, r.code(), r.toString());
    assertFalse(r.out().contains("free"), r.out());
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    Run r = run(null, "80800");
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
