package dev.freeport.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a yes/no question on stderr and reads the answer from stdin, terminal or not (so
 * {@code yes | freeport 8080} works). Only "y" or "yes" is a yes; end of input is a no. When
 * stdin is not a terminal, an answer that does not come within a bound is a no, so a hook never
 * hangs on an open but silent pipe.
 */
public final class Prompt {
  private final InputStream in;
  private final PrintStream err;
  private final Duration pipeWait;

  /** What became of the question. */
  public enum Answer {
    YES, NO, NO_INPUT, TIMED_OUT
  }

  /**
   * @param pipeWait how long to wait for an answer on a non-terminal stdin; null to wait as long
   *     as it takes (a person at a terminal)
   */
  public Prompt(InputStream in, PrintStream err, Duration pipeWait) {
    this.in = in;
    this.err = err;
    this.pipeWait = pipeWait;
  }

  public Answer ask(String question) {
    err.print(question + " [y/N] ");
    err.flush();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(this::readLine, Prompt::daemon);
    String answer;
    try {
      answer = pipeWait == null ? line.get() : line.get(pipeWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      err.println();
      return Answer.TIMED_OUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println();
      return Answer.NO;
    } catch (ExecutionException e) {
      answer = null;
    }
    if (answer == null) {
      err.println();
      return Answer.NO_INPUT;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes") ? Answer.YES : Answer.NO;
  }

  private String readLine() {
    try {
      return new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()), 1).readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "freeport-prompt");
    t.setDaemon(true);
    t.start();
  }
}
