package dev.freeport.core.kill;

import dev.freeport.core.model.Endpoint;

/** Test access to PortFreer's message for a failing bind. */
public final class PortFreerAccess {
  private PortFreerAccess() {}

  public static String bindFailure(Endpoint e, int timeWait) {
    return PortFreer.bindFailure(e, timeWait);
  }
}
