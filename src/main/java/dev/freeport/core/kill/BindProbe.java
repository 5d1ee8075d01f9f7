package dev.freeport.core.kill;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tries to bind an endpoint the way a server restarting on it would. */
public final class BindProbe {

  /**
   * Initialises the JDK's socket classes on a background thread (tens of milliseconds when
   * cold), so the probe after a stop does not pay for them.
   */
  public static void warmUpInBackground() {
    Thread t = new Thread(new WarmUp(), "freeport-probe-warmup");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The warm-up's body: a class rather than a lambda, which would link method handles on first
   * use (about 130 microseconds at start-up) on the very path the warm-up is meant to speed up.
   */
  private static final class WarmUp implements Runnable {
    @Override
    public void run() {
      try (ServerSocket s = new ServerSocket(); DatagramSocket d = new DatagramSocket(null)) {
        s.setReuseAddress(true);
      } catch (IOException ignored) {
        // only a warm-up
      }
    }
  }

  /**
   * True unless binding fails because the address is in use. TCP binds with SO_REUSEADDR, as
   * servers do, so connections in TIME_WAIT do not count as busy.
   */
  public boolean canBind(Endpoint e) {
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(e.address()), e.port());
      if (e.protocol() == Protocol.TCP) {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(true);
          s.bind(address);
        }
      } else {
        try (DatagramSocket s = new DatagramSocket(null)) {
          s.setReuseAddress(false);
          s.bind(address);
        }
      }
      return true;
    } catch (BindException ex) {
      return ex.getMessage() == null || !ex.getMessage().contains("in use");
    } catch (IOException ex) {
      return true; // the address itself is gone: nothing can be holding it
    }
  }
}
