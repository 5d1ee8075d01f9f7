package dev.freeport.platform.windows;

import dev.freeport.core.kill.Terminator;
import dev.freeport.core.model.ProcessRef;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Windows, for now: TerminateProcess through the JDK, after a start-time check. There is no
 * graceful step yet (the JDK has none on Windows), so stops are always forced; WM_CLOSE and
 * console Ctrl+Break come with the Windows work.
 */
public final class WindowsTerminator implements Terminator {
  private final Function<Long, Optional<ProcessRef>> current;

  public WindowsTerminator(Function<Long, Optional<ProcessRef>> current) {
    this.current = current;
  }

  @Override
  public boolean supportsGraceful() {
    return false;
  }

  @Override
  public Delivery send(ProcessRef p, Action action) {
    if (!current.apply(p.pid()).equals(Optional.of(p))) {
      return Delivery.GONE;
    }
    if (action != Action.FORCE) {
      return Delivery.UNSUPPORTED;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
    if (h.isEmpty()) {
      return Delivery.GONE;
    }
    return h.get().destroyForcibly() || !h.get().isAlive() ? Delivery.DELIVERED : Delivery.DENIED;
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> processes, Duration timeout) {
    Set<ProcessRef> left = new LinkedHashSet<>();
    long end = System.nanoTime() + timeout.toNanos();
    for (ProcessRef p : processes) {
      Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
      if (h.isEmpty()) {
        continue;
      }
      try {
        h.get().onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        left.add(p);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        left.add(p);
      } catch (ExecutionException e) {
        left.add(p);
      }
    }
    return left;
  }
}
