package dev.freeport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  /** A disk that is full: every write fails, as on /dev/full. */
  private static PrintStream full() {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    }, true, StandardCharsets.UTF_8);
  }

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private List<String> errLines() {
    return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void outputThatCannotBeWrittenIsAFailureSaidOnStderr() {
    int code = Main.run(full(), err, InputStream.nullInputStream(), "completion", "bash");
    assertEquals(Main.OUTPUT_FAILED, code);
    assertEquals(List.of("freeport: could not write the output to stdout; it is incomplete"), errLines());
  }

  @Test
  void withStderrBrokenTooTheCodeStillSays() {
    assertEquals(Main.OUTPUT_FAILED, Main.run(full(), full(), InputStream.nullInputStream(), "--help"));
  }

  @Test
  void writtenOutputIsSuccess() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), err, InputStream.nullInputStream(),
        "completion", "bash");
    assertEquals(0, code);
    assertFalse(out.toString(StandardCharsets.UTF_8).isEmpty());
    assertEquals(List.of(), errLines());
  }
}
