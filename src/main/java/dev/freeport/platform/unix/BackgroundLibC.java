package dev.freeport.platform.unix;

import dev.freeport.core.engine.Deadlines;
import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * libc through JNA, bound on a background thread on first request (JNA's first use takes tens
 * of milliseconds), so it is ready by the time the first signal is sent. Binding may fail (JNA
 * cannot unpack its native part where /tmp is noexec and the home is not writable) or hang; then
 * {@link #get()} says so, at most {@link Deadlines#NATIVE_LOAD} after the binding began, and what
 * needs libc is not done. SIGTERM and SIGKILL never need it.
 */
public final class BackgroundLibC {
  private final Supplier<LibC> loader;
  private final Duration bound;
  private CompletableFuture<LibC> libc; // guarded by this
  private long deadline; // guarded by this; System.nanoTime() by which the binding must be done

  public BackgroundLibC() {
    this(new JnaLoader(), Deadlines.NATIVE_LOAD);
  }

  /** Binds with {@code loader}, waiting for it at most {@code bound} in all. */
  BackgroundLibC(Supplier<LibC> loader, Duration bound) {
    this.loader = loader;
    this.bound = bound;
  }

  private static final class JnaLoader implements Supplier<LibC> {
    @Override
    public LibC get() {
      return LibC.load();
    }
  }

  /** Starts binding libc unless that has already begun. */
  public synchronized void prepare() {
    if (libc == null) {
      CompletableFuture<LibC> f = new CompletableFuture<>();
      libc = f;
      deadline = System.nanoTime() + bound.toNanos();
      Thread t = new Thread(new Runnable() {
        @Override
        public void run() {
          try {
            f.complete(loader.get());
          } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native part, no libc
            f.completeExceptionally(e);
          }
        }
      }, "freeport-jna");
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * libc, waiting for the binding if it is still under way, but never past the bound counted from
   * when it began; empty when it failed or did not finish in time (then every later call is empty
   * at once, unless the binding finished meanwhile).
   */
  public Optional<LibC> get() {
    CompletableFuture<LibC> f;
    long end;
    synchronized (this) {
      prepare();
      f = libc;
      end = deadline;
    }
    try {
      return Optional.of(f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      return Optional.empty();
    }
  }
}
