package dev.freeport.core.engine;

import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.Verdict;
import java.util.Optional;

/** What a port's survey means before anything is done: the dry run's outcome. */
final class Outcomes {
  private Outcomes() {}

  /**
   * In order: free; a refused holder (exit 5); a hidden owner (exit 4); held, with why when no
   * process can be stopped for it.
   *
   * @param hiddenHint what to do about a hidden owner, e.g. "re-run with sudo"
   */
  static Outcome preview(PortFinding f, String hiddenHint) {
    if (f.free()) {
      return new Outcome.Free();
    }
    Optional<ProcessNode> refused = f.holders().stream().filter(h -> h.verdict() instanceof Verdict.Refused).findFirst();
    if (refused.isPresent()) {
      return new Outcome.Refused(refused.get().info(), ((Verdict.Refused) refused.get().verdict()).reason());
    }
    if (f.ownerHidden()) {
      return new Outcome.Hidden(hiddenDetail(f, hiddenHint));
    }
    return new Outcome.Held(nothingToStop(f));
  }

  static String hiddenDetail(PortFinding f, String hint) {
    boolean someSeen = f.sockets().stream().anyMatch(s -> !s.holders().isEmpty());
    return (someSeen ? "it may also be held by a process freeport cannot see" : "the process holding it cannot be seen")
        + " (" + hint + ")";
  }

  /** Why the port is held although no process of the survey can be stopped for it; or empty. */
  static String nothingToStop(PortFinding f) {
    if (f.unbindable().isPresent()) {
      return f.unbindable().get().why() + "; " + f.unbindable().get().instead();
    }
    if (f.holders().isEmpty() && f.sockets().stream().allMatch(ListeningSocket::unattributed)) {
      return ListeningSocket.NO_HOLDER;
    }
    return "";
  }
}
