package dev.freeport.core.model;

/** Whether freeport may stop a process, and if not, why. */
public sealed interface Verdict {

  /** The process may be stopped. */
  record Allowed() implements Verdict {}

  /** The process must never be stopped; {@code reason} says why, in a few words. */
  record Refused(String reason) implements Verdict {}

  /** The user's filters (--user, --name) leave this holder out; {@code reason} says which. */
  record Skipped(String reason) implements Verdict {}

  Verdict ALLOWED = new Allowed();

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
