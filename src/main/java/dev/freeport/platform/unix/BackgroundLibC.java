package dev.freeport.platform.unix;

import dev.freeport.platform.unix.jna.LibC;
import java.util.concurrent.CompletableFuture;

/**
 * libc through JNA, bound on a background thread on first request (JNA's first use takes tens
 * of milliseconds), so it is ready by the time the first signal is sent.
 */
public final class BackgroundLibC {
  private CompletableFuture<LibC> libc;

  /** Starts binding libc unless that has already begun. */
  public synchronized void prepare() {
    if (libc == null) {
      libc = new CompletableFuture<>();
      CompletableFuture<LibC> f = libc;
      Thread t = new Thread(() -> {
        try {
          f.complete(LibC.load());
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, "freeport-jna");
      t.setDaemon(true);
      t.start();
    }
  }

  /** libc, waiting for the binding if it is still under way. */
  public LibC get() {
    prepare();
    return libc.join();
  }
}
