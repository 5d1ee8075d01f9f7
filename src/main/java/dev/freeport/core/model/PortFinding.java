package dev.freeport.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who holds one requested port.
 *
 * @param port the requested port
 * @param sockets every socket that keeps it from being bound (several addresses and protocols)
 * @param holders the holding processes that are not below another holder, each with its tree
 * @param check what binding the port showed, as the port verifier judged it
 * @param unbindable when no visible socket explains it but binding the port fails as "in use":
 *     why, and what frees it
 */
public record PortFinding(int port, List<ListeningSocket> sockets, List<ProcessNode> holders, BindCheck check,
    Optional<Advice> unbindable) {

  public PortFinding {
    sockets = List.copyOf(sockets);
    holders = List.copyOf(holders);
    if (check.free() && !sockets.isEmpty()) {
      throw new IllegalArgumentException("a port with sockets on it is not free");
    }
  }

  /** Nothing held it and the port verifier bound it when it was surveyed. */
  public boolean free() {
    return check.free();
  }

  /** Some socket on the port may have a holder freeport cannot see. */
  public boolean ownerHidden() {
    return ListeningSocket.anyOwnerHidden(sockets);
  }

  /** Every process shown for this port, holders first, each followed by its tree; unmodifiable. */
  public List<ProcessNode> processes() {
    List<ProcessNode> out = new ArrayList<>();
    for (ProcessNode h : holders) {
      out.addAll(h.subtree());
    }
    return Collections.unmodifiableList(out);
  }
}
