package dev.freeport.core.model;

import java.util.Optional;

/**
 * The state one requested port ended in, with what a script needs from it: a stable label for
 * text and JSON, and a {@link Status} (exit code and severity). Each kind is written down once,
 * here; renderers switch over them.
 */
public sealed interface Outcome {
  /** The stable name used in JSON ({@code outcome}) and in {@code --quiet} lines. */
  String label();

  Status status();

  /** One sentence on why the port is not free; empty when it is. */
  default String detail() {
    return "";
  }

  /** Nothing held the port, and binding it the way a server does succeeds. */
  record Free() implements Outcome {
    public String label() {
      return "free";
    }

    public Status status() {
      return Status.FREE;
    }
  }

  /** Its holders were stopped and binding it now succeeds. */
  record Freed() implements Outcome {
    public String label() {
      return "freed";
    }

    public Status status() {
      return Status.FREE;
    }
  }

  /** Dry run: something holds the port (detail says what, when there is nothing to stop). */
  record Held(String detail) implements Outcome {
    public String label() {
      return "held";
    }

    public Status status() {
      return Status.BUSY;
    }
  }

  /** The user did not confirm; nothing was touched. */
  record Declined() implements Outcome {
    public String label() {
      return "declined";
    }

    public Status status() {
      return Status.DECLINED;
    }
  }

  /** Still not bindable after the stop, for the reason in {@code detail}. */
  record StillBusy(String detail) implements Outcome {
    public String label() {
      return "still-busy";
    }

    public Status status() {
      return Status.BUSY;
    }
  }

  /**
   * A process freeport did not stop took the port after freeport stopped the previous holder,
   * started by a parent that was watched for exactly that.
   *
   * @param supervisor the parent that started it, when it can still be described
   * @param what what that parent is ("supervisord", "a shell loop (bash)")
   * @param instead how to stop the program for good
   */
  record Respawned(ProcessInfo newHolder, Optional<ProcessInfo> supervisor, String what, String instead)
      implements Outcome {
    public String label() {
      return "respawned";
    }

    public Status status() {
      return Status.BUSY;
    }

    public String detail() {
      return "PID " + newHolder.pid() + " (" + newHolder.name() + ") took the port again, started by " + what
          + (supervisor.isPresent() ? " (PID " + supervisor.get().pid() + ")" : "")
          + "; to stop it for good: " + instead;
    }
  }

  /** A holder that must never be stopped (the safety policy or the OS says why). */
  record Refused(ProcessInfo holder, String reason) implements Outcome {
    public String label() {
      return "refused";
    }

    public Status status() {
      return Status.REFUSED;
    }

    public String detail() {
      return "PID " + holder.pid() + " (" + holder.name() + ") will not be stopped: " + reason;
    }
  }

  /** A holder freeport is not permitted to signal. */
  record Denied(ProcessInfo holder) implements Outcome {
    public String label() {
      return "permission-denied";
    }

    public Status status() {
      return Status.PERMISSION;
    }

    public String detail() {
      return "not permitted to stop PID " + holder.pid() + " (" + holder.name() + ", user "
          + holder.user().orElse("?") + ")";
    }
  }

  /**
   * No socket is seen on the port, but binding it failed in a way that says nothing about the
   * port, so freeport cannot tell whether a server could bind it: never taken for free.
   */
  record Unverified(String detail) implements Outcome {
    public String label() {
      return "unverified";
    }

    public Status status() {
      return Status.UNVERIFIED;
    }
  }

  /** A holder this user cannot see holds the port. */
  record Hidden(String detail) implements Outcome {
    public String label() {
      return "owner-hidden";
    }

    public Status status() {
      return Status.PERMISSION;
    }
  }

  /** freeport was interrupted before it could check the port. */
  record Interrupted(String detail) implements Outcome {
    public String label() {
      return "interrupted";
    }

    public Status status() {
      return Status.INTERRUPTED;
    }
  }
}
