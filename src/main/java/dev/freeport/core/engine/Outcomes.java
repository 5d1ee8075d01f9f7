package dev.freeport.core.engine;

import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.Verdict;

/** What a port's survey means before anything is done: the dry run's outcome. */
final class Outcomes {
  private Outcomes() {}

  /**
   * In order: free; a refused holder (exit 5); a hidden owner (exit 4); a port the verifier
   * could not check (exit 6); held, with why when no process can be stopped for it.
   *
   * @param hiddenHint what to do about a hidden owner, e.g. "re-run with sudo"
   */
  static Outcome preview(PortFinding f, String hiddenHint) {
    if (f.free()) {
      return new Outcome.Free();
    }
    for (ProcessNode h : f.holders()) { // the first refused holder
      if (h.verdict() instanceof Verdict.Refused r) {
        return new Outcome.Refused(h.info(), r.reason());
      }
    }
    if (f.ownerHidden()) {
      return new Outcome.Hidden(hiddenDetail(f, hiddenHint));
    }
    if (f.check() instanceof BindCheck.Unverified u) {
      return new Outcome.Unverified(u.why());
    }
    return new Outcome.Held(nothingToStop(f));
  }

  static String hiddenDetail(PortFinding f, String hint) {
    boolean someSeen = false;
    for (ListeningSocket s : f.sockets()) {
      if (!s.holders().isEmpty()) {
        someSeen = true;
        break;
      }
    }
    return (someSeen ? "it may also be held by a process freeport cannot see" : "the process holding it cannot be seen")
        + " (" + hint + ")";
  }

  /** Why the port is held although no process of the survey can be stopped for it; or empty. */
  static String nothingToStop(PortFinding f) {
    if (f.unbindable().isPresent()) {
      return f.unbindable().get().why() + "; " + f.unbindable().get().instead();
    }
    if (f.holders().isEmpty() && allUnattributed(f)) {
      return ListeningSocket.NO_HOLDER;
    }
    return "";
  }

  private static boolean allUnattributed(PortFinding f) {
    for (ListeningSocket s : f.sockets()) {
      if (!s.unattributed()) {
        return false;
      }
    }
    return true;
  }
}
