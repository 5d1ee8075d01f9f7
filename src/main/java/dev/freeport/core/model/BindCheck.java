package dev.freeport.core.model;

/**
 * What binding a port the way a server does showed; made only by
 * {@link dev.freeport.core.engine.PortVerifier}. Only {@link Bound} means a server can bind it.
 */
public sealed interface BindCheck {

  /** True only for {@link Bound}: no socket holds the port and every endpoint a server binds was bound. */
  default boolean free() {
    return false;
  }

  /** No socket in the tables holds the port, and every endpoint a server would bind was bound. */
  record Bound() implements BindCheck {
    @Override
    public boolean free() {
      return true;
    }
  }

  /** Sockets in the tables hold the port; no bind was needed to know it is not free. */
  record Held() implements BindCheck {}

  /** Binding this endpoint failed the way "in use" fails on this platform. */
  record InUse(Endpoint endpoint) implements BindCheck {}

  /**
   * Binding this endpoint failed for another reason, so freeport cannot tell whether the port is
   * free (a port below 1024 without root, a JVM that cannot bind IPv6, no descriptors left). Never
   * taken for free.
   *
   * @param why one sentence on what failed and what to do
   */
  record Unverified(Endpoint endpoint, String why) implements BindCheck {}
}
