package dev.freeport.core.port;

/**
 * This machine cannot be used as it is, found before anything was surveyed or signalled; the
 * message says why and what to do, in one line. The CLI exits with its internal-failure code.
 */
public final class UnusableHostException extends RuntimeException {
  public UnusableHostException(String message) {
    super(message);
  }
}
