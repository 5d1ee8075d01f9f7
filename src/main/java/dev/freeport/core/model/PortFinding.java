package dev.freeport.core.model;

import dev.freeport.core.safety.Verdict;
import java.util.List;

/**
 * Who holds one requested port.
 *
 * @param port the requested port
 * @param sockets every listening or bound socket on it (several addresses and protocols)
 * @param holders the holding processes that are not below another holder, each with its tree
 */
public record PortFinding(int port, List<ListeningSocket> sockets, List<ProcessNode> holders) {

  public PortFinding {
    sockets = List.copyOf(sockets);
    holders = List.copyOf(holders);
  }

  public boolean free() {
    return sockets.isEmpty();
  }

  /** Some socket on the port has an owner freeport cannot see. */
  public boolean ownerHidden() {
    return sockets.stream().anyMatch(ListeningSocket::ownerHidden);
  }

  /**
   * The outcome a real run would start from: free, held, held by a hidden owner, or held by a
   * process that may not be stopped.
   */
  public PortOutcome preview() {
    if (free()) {
      return PortOutcome.FREE;
    }
    if (holders.stream().anyMatch(h -> h.verdict() instanceof Verdict.Refused)) {
      return PortOutcome.REFUSED;
    }
    return ownerHidden() ? PortOutcome.HIDDEN : PortOutcome.HELD;
  }

  /** Every process that would be stopped for this port, holders first. */
  public List<ProcessNode> processes() {
    return holders.stream().flatMap(ProcessNode::flatten).toList();
  }
}
