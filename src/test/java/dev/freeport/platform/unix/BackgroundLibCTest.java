package dev.freeport.platform.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.platform.unix.jna.LibC;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Binding libc may fail or hang: neither reaches the caller as an error, and neither waits past its bound. */
class BackgroundLibCTest {

  @Test
  void aNativeLibraryThatCannotBeLoadedIsEmptyNotAnError() {
    BackgroundLibC libc = new BackgroundLibC(() -> {
      throw new UnsatisfiedLinkError("/tmp/jna123.tmp: failed to map segment from shared object");
    }, Duration.ofSeconds(5));
    assertEquals(Optional.empty(), libc.get());
    assertEquals(Optional.empty(), libc.get(), "and stays so");
  }

  @Test
  void aBindingThatHangsIsGivenUpAtItsBoundOnceNotPerCall() {
    CountDownLatch never = new CountDownLatch(1);
    BackgroundLibC libc = new BackgroundLibC(() -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }, Duration.ofMillis(200));
    long t0 = System.nanoTime();
    assertEquals(Optional.empty(), libc.get());
    long first = System.nanoTime() - t0;
    assertTrue(first >= 150_000_000L && first < 5_000_000_000L, first / 1_000_000 + " ms");
    long t1 = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertEquals(Optional.empty(), libc.get());
    }
    assertTrue(System.nanoTime() - t1 < 1_000_000_000L, "the bound counts from the start of the binding");
    never.countDown();
  }

  @Test
  void aBoundLibcIsReturned() {
    LibC fake = new LibC() {
      @Override
      public int kill(int pid, int signal) {
        return 0;
      }

      @Override
      public int getpid() {
        return 1;
      }
    };
    assertEquals(Optional.of(fake), new BackgroundLibC(() -> fake, Duration.ofSeconds(5)).get());
  }
}
