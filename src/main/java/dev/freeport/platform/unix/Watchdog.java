package dev.freeport.platform.unix;

import dev.freeport.core.engine.Deadlines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resumes what freeport froze if freeport dies while the tree is frozen (SIGKILL: an OOM kill, a
 * cancelled CI job, {@code timeout -s KILL}), which no handler inside freeport can do. A small
 * shell reads, from a pipe that only freeport holds, "+PID" before each freeze and "-PID" once that
 * process is killed or resumed. When freeport writes "done" it exits without a signal; when the
 * pipe closes without it (freeport died), it sends SIGCONT to exactly the pids still frozen.
 *
 * <p>It runs in a session of its own where {@code setsid} exists, so a kill of freeport's process
 * group spares it, and ignores the terminal's signals (Ctrl+C, Ctrl+Z, a hang-up). A write that
 * blocks (a watchdog that stopped reading) is given up after {@link Deadlines#WATCHDOG_WRITE}: the
 * watchdog is killed, and freeport, still alive, resumes what it froze itself.
 */
final class Watchdog implements FrozenWindow {
  /** Pids are digits only (checked again here), so {@code eval} of a name is safe. */
  static final String SCRIPT = String.join("\n",
      "trap '' HUP INT QUIT TERM TSTP TTIN TTOU PIPE",
      "while IFS= read -r w; do",
      "  case $w in",
      "    done) exit 0 ;;",
      "    [+-][1-9]*)",
      "      p=${w#?}",
      "      case $p in",
      "        *[!0-9]*) ;;",
      "        *) case $w in +*) eval \"frozen_$p=1\" ;; *) unset \"frozen_$p\" ;; esac ;;",
      "      esac ;;",
      "  esac",
      "done",
      "set | while IFS= read -r v; do",
      "  case $v in frozen_[1-9]*=*) p=${v%%=*}; kill -CONT \"${p#frozen_}\" 2>/dev/null ;; esac",
      "done",
      "");
  private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final Process process;
  private final OutputStream pipe;
  private final Object lock = new Object();
  private volatile long writeStarted; // System.nanoTime() of the write under way, 0 for none
  private boolean broken; // guarded by lock
  private boolean closed; // guarded by lock
  private final Thread guard;

  private Watchdog(Process process) {
    this.process = process;
    this.pipe = process.getOutputStream();
    this.guard = new Thread(new Runnable() {
      @Override
      public void run() {
        guardWrites();
      }
    }, "freeport-watchdog");
    guard.setDaemon(true);
    guard.start();
  }

  /** Starts one; empty when no shell could be started (the window then goes unguarded). */
  static Optional<Watchdog> start() {
    List<String> cmd = new ArrayList<>();
    for (Path setsid : SETSID) {
      if (Files.isExecutable(setsid)) {
        cmd.add(setsid.toString());
        break;
      }
    }
    cmd.addAll(List.of("/bin/sh", "-c", SCRIPT, "freeport-watchdog"));
    try {
      ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      b.environment().clear(); // kill is a builtin: nothing from the user's environment is needed
      return Optional.of(new Watchdog(b.start()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void freezing(long pid) {
    write("+" + pid + "\n");
  }

  @Override
  public void released(long pid) {
    write("-" + pid + "\n");
  }

  /** Tells the watchdog to exit without a signal; does not wait for it. */
  @Override
  public void close() {
    write("done\n");
    synchronized (lock) {
      closed = true;
      try {
        pipe.close();
      } catch (IOException e) {
        // it has gone already
      }
    }
    guard.interrupt();
  }

  /** The watchdog's process, for tests. */
  Process process() {
    return process;
  }

  private void write(String line) {
    synchronized (lock) {
      if (broken || closed) {
        return;
      }
      writeStarted = System.nanoTime();
      try {
        pipe.write(line.getBytes(StandardCharsets.US_ASCII));
        pipe.flush();
      } catch (IOException e) {
        broken = true; // it died: freeport, alive, resumes what it froze itself
      } finally {
        writeStarted = 0;
      }
    }
  }

  /** Kills a watchdog that has stopped reading, so that a write to it never blocks past its bound. */
  private void guardWrites() {
    long bound = Deadlines.WATCHDOG_WRITE.toNanos();
    while (true) {
      try {
        Thread.sleep(Math.max(1, Deadlines.WATCHDOG_WRITE.toMillis() / 4));
      } catch (InterruptedException e) {
        return; // closed
      }
      long started = writeStarted;
      if (started != 0 && System.nanoTime() - started > bound) {
        process.destroyForcibly(); // the blocked write then fails with a broken pipe
        return;
      }
    }
  }
}
