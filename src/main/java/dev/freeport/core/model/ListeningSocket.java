package dev.freeport.core.model;

import java.util.List;

/**
 * One listening TCP socket or bound UDP socket and every process that holds it.
 *
 * @param endpoint where it listens
 * @param holders pids of all processes holding the socket, owner first when known; empty when
 *     the owner cannot be seen (another user's process while not privileged, or another PID
 *     namespace)
 */
public record ListeningSocket(Endpoint endpoint, List<Long> holders) {

  public ListeningSocket {
    holders = List.copyOf(holders);
  }

  /** True when no holder could be seen although the socket exists. */
  public boolean ownerHidden() {
    return holders.isEmpty();
  }
}
