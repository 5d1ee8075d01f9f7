package dev.freeport.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StatusLineTest {
  private static final String ERASE = "\r\u001b[0K";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<Thread> tickers = new CopyOnWriteArrayList<>();

  private StatusLine line(Terminal term) {
    return new StatusLine(err, term, r -> {
      Thread t = new Thread(r, "status-test");
      t.setDaemon(true);
      tickers.add(t);
      return t;
    });
  }

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void awaitTickers() throws InterruptedException {
    for (Thread t : tickers) {
      t.join(5_000);
      assertFalse(t.isAlive(), "the ticker ends after stop()");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS), "latch");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for the latch like a text that takes long to compute: not ended by an interrupt. */
  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (latch.getCount() > 0 && System.nanoTime() < deadline) {
      try {
        latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A text whose second call waits until the test lets it return, to stop mid-refresh. */
  private static Supplier<String> heldSecondCall(CountDownLatch inSecondCall, CountDownLatch release) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      if (calls.incrementAndGet() == 1) {
        return "first";
      }
      inSecondCall.countDown();
      awaitUninterruptibly(release);
      return "second";
    };
  }

  /** Always {@code text}; {@code drawn} opens on the second call, when the first has been drawn. */
  private static Supplier<String> signalAfterFirstDraw(String text, CountDownLatch drawn) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      if (calls.incrementAndGet() == 2) {
        drawn.countDown();
      }
      return text;
    };
  }

  @Test
  void stopReturnsAtOnceAndNothingIsDrawnAfterTheErase() throws InterruptedException {
    CountDownLatch inSecondCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatusLine status = line(Terminal.of(false, 80));
    status.start(heldSecondCall(inSecondCall, release));
    await(inSecondCall);

    long t0 = System.nanoTime();
    status.stop();
    long stopMillis = (System.nanoTime() - t0) / 1_000_000;
    release.countDown();
    awaitTickers();

    // stop() used to join the ticker for up to 500 ms; now it never waits for it.
    assertTrue(stopMillis < 250, "stop() took " + stopMillis + " ms");
    assertEquals("\rfirst\u001b[0K" + ERASE, written(), "the text computed during stop() is never drawn");
  }

  @Test
  void stopBeforeAnythingWasDrawnWritesNothing() throws InterruptedException {
    CountDownLatch inFirstCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatusLine status = line(Terminal.of(false, 80));
    status.start(() -> {
      inFirstCall.countDown();
      awaitUninterruptibly(release);
      return "late";
    });
    await(inFirstCall);
    status.stop();
    release.countDown();
    awaitTickers();
    assertEquals("", written());
  }

  @Test
  void restartingReplacesTheOldTicker() throws InterruptedException {
    CountDownLatch inSecondCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatusLine status = line(Terminal.of(false, 80));
    status.start(heldSecondCall(inSecondCall, release));
    await(inSecondCall);
    CountDownLatch drawnAgain = new CountDownLatch(1);
    status.start(signalAfterFirstDraw("new", drawnAgain));
    await(drawnAgain);
    release.countDown();
    status.stop();
    awaitTickers();
    String out = written();
    assertFalse(out.contains("second"), out);
    assertTrue(out.startsWith("\rfirst\u001b[0K" + ERASE + "\rnew\u001b[0K"), out);
    assertTrue(out.endsWith(ERASE), out);
  }

  @Test
  void cutToOneColumnLessThanTheTerminalCountingWideCharacters() throws InterruptedException {
    CountDownLatch drawn = new CountDownLatch(1);
    StatusLine status = line(Terminal.detect(true, false, Map.of("TERM", "xterm", "COLUMNS", "20")));
    status.start(signalAfterFirstDraw("日本語のプロセス名がとても長い 42", drawn));
    await(drawn);
    status.stop();
    awaitTickers();
    String first = written().split("\u001b\\[0K")[0];
    assertEquals("\r日本語のプロセス...", first);
    assertEquals(19, Terminal.columns(first.substring(1)));
  }

  @Test
  void aDumbTerminalGetsOnePlainLineAndNoEscapes() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    StatusLine status = line(Terminal.detect(true, false, Map.of("TERM", "dumb", "COLUMNS", "80")));
    status.start(() -> "Waiting " + calls.incrementAndGet());
    status.stop();
    awaitTickers();
    assertEquals("Waiting 1" + System.lineSeparator(), written());
    assertTrue(tickers.isEmpty(), "no live refresh");
  }

  @Test
  void fitCountsColumnsAndNeverSplitsAPair() {
    assertEquals("abc", Terminal.fit("abc", 3));
    assertEquals("ab...", Terminal.fit("abcdefgh", 5));
    assertEquals("日...", Terminal.fit("日本語", 5), "two columns each");
    assertEquals("😀...", Terminal.fit("😀😀😀😀", 6));
    assertEquals("e\u0301e\u0301e\u0301", Terminal.fit("e\u0301e\u0301e\u0301", 3), "marks take no column");
    assertEquals("ab", Terminal.fit("abcdef", 2));
    assertEquals("", Terminal.fit("日本", 1));
  }

  @Test
  void unknownWidthStillCutsTheLiveLine() {
    String line = Terminal.of(false, 0).overwriteLine("x".repeat(500));
    assertEquals("\r" + "x".repeat(76) + "...\u001b[0K", line);
  }
}
