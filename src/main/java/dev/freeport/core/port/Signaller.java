package dev.freeport.core.port;

import dev.freeport.core.model.GracefulSignal;
import java.util.EnumSet;
import java.util.Set;

/** How this OS signals processes: the terminators a stop opens, and the graceful requests it has. */
public interface Signaller {

  /**
   * Says a stop will probably follow, so what signalling needs (native bindings) can be loaded
   * in the background while discovery runs.
   */
  default void prepareToStop() {}

  /**
   * Opens a terminator for one stop; the caller closes it.
   *
   * @param graceful how to ask processes to exit; one of {@link #gracefulSignals()}
   */
  Terminator openTerminator(GracefulSignal graceful);

  /** The graceful requests this OS offers ({@code --signal}). */
  default Set<GracefulSignal> gracefulSignals() {
    return EnumSet.of(GracefulSignal.TERM, GracefulSignal.INT, GracefulSignal.HUP, GracefulSignal.QUIT,
        GracefulSignal.USR1, GracefulSignal.USR2);
  }
}
