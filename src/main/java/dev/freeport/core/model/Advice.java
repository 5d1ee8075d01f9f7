package dev.freeport.core.model;

/**
 * Why stopping a holder may not free its port, and what will.
 *
 * @param why one sentence, e.g. "it runs as the systemd service nginx.service"
 * @param instead the command or action that frees the port for good
 */
public record Advice(String why, String instead) {

  /** When nothing visible holds a port and the OS has no reason to give for a failed bind. */
  public static Advice unexplainedBindFailure(Endpoint failed) {
    return new Advice("nothing visible holds it, yet binding " + failed.hostPort() + " fails",
        "wait a moment and retry, or choose another port");
  }
}
