package dev.freeport.core.exec;

import dev.freeport.core.port.CommandRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands as real processes: no shell, stdin closed, stderr discarded, bounded in
 * time. While it waits it keeps note of every process the command starts, so that when the
 * command is too slow, or leaves something behind, the whole tree is killed, including
 * background children that outlived their parent.
 */
public final class ProcessCommandRunner implements CommandRunner {
  private static final long WATCH_MILLIS = 20;

  @Override
  public Optional<String> run(List<String> argv, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not installed, or not runnable
    }
    Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(p.getInputStream(), out), "freeport-exec-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      while (p.isAlive() && System.nanoTime() < deadline) {
        p.descendants().forEach(h -> tree.putIfAbsent(h.pid(), h));
        p.waitFor(Math.min(WATCH_MILLIS, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
      }
      boolean finished = !p.isAlive();
      if (finished) {
        reader.join(remainingMillis(deadline)); // a background child may still hold the pipe
      }
      boolean ok = finished && !reader.isAlive() && p.exitValue() == 0;
      return ok ? Optional.of(result(out)) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      p.destroyForcibly();
      tree.values().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static String result(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        synchronized (out) {
          if (out.size() < (1 << 20)) { // a runaway command cannot fill the memory
            out.write(buf, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // closed: the command was killed
    }
  }
}
