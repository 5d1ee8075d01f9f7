package dev.freeport.core.port;

import dev.freeport.core.model.Endpoint;
import java.io.IOException;
import java.util.Optional;

/**
 * Binds sockets the way a server does, and reports what happened without judging it: the
 * {@link dev.freeport.core.engine.PortVerifier} decides what a failure means. One implementation
 * binds real sockets through the JDK; tests script failures, in any language.
 */
public interface BindProbe {

  /**
   * A bind that failed, as the platform reported it: the exception's class and its message, which
   * may be in any language (the JDK's message on Linux is the C library's {@code strerror}).
   */
  record Failure(String type, String message) {}

  /** A socket kept bound (a TCP socket listening) until it is closed. */
  interface Occupied extends AutoCloseable {
    /** The port it is bound to (the one the OS chose for port 0). */
    int port();

    @Override
    void close();
  }

  /**
   * Binds {@code e} as a server would (TCP with SO_REUSEADDR, listening; UDP without) and
   * releases it at once.
   *
   * @return empty when the bind succeeded, else how it failed
   */
  Optional<Failure> bind(Endpoint e);

  /**
   * Binds {@code e} (port 0: any free port) without SO_REUSEADDR and keeps it, so that a second
   * bind of the same port fails the way "in use" fails on this platform.
   *
   * @throws IOException when it cannot be bound
   */
  Occupied occupy(Endpoint e) throws IOException;

  /**
   * True when this process's own settings keep it from binding the endpoint's address family at
   * all, although other programs may (a JVM started with {@code -Djava.net.preferIPv4Stack=true}
   * cannot bind IPv6): then a failed bind says nothing about the port.
   */
  default boolean restricted(Endpoint e) {
    return false;
  }
}
