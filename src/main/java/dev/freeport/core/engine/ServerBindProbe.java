package dev.freeport.core.engine;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.BindProbe;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/** Binds real sockets through the JDK, as a server starting on the port would. */
public final class ServerBindProbe implements BindProbe {

  /**
   * Initialises the JDK's socket classes on a background thread (tens of milliseconds when
   * cold), so the check after a stop does not pay for them.
   */
  public static void warmUpInBackground() {
    Thread t = new Thread(new WarmUp(), "freeport-probe-warmup");
    t.setDaemon(true);
    t.start();
  }

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

  @Override
  public Optional<Failure> bind(Endpoint e) {
    try {
      InetSocketAddress address = address(e);
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
      return Optional.empty();
    } catch (IOException | RuntimeException ex) {
      return Optional.of(new Failure(ex.getClass().getName(), String.valueOf(ex.getMessage())));
    }
  }

  @Override
  public Occupied occupy(Endpoint e) throws IOException {
    InetSocketAddress address = address(e);
    if (e.protocol() == Protocol.TCP) {
      ServerSocket s = new ServerSocket();
      try {
        s.setReuseAddress(false);
        s.bind(address);
      } catch (IOException | RuntimeException ex) {
        s.close();
        throw ex;
      }
      return new Held(s, null);
    }
    DatagramSocket d = new DatagramSocket(null);
    try {
      d.setReuseAddress(false);
      d.bind(address);
    } catch (IOException | RuntimeException ex) {
      d.close();
      throw ex;
    }
    return new Held(null, d);
  }

  /** {@code java.net.preferIPv4Stack} (often set through JAVA_TOOL_OPTIONS) leaves a JVM without IPv6. */
  @Override
  public boolean restricted(Endpoint e) {
    return e.ipv6() && Boolean.getBoolean("java.net.preferIPv4Stack");
  }

  private static InetSocketAddress address(Endpoint e) throws IOException {
    return new InetSocketAddress(InetAddress.getByName(e.address()), e.port());
  }

  private static final class Held implements Occupied {
    private final ServerSocket tcp;
    private final DatagramSocket udp;

    Held(ServerSocket tcp, DatagramSocket udp) {
      this.tcp = tcp;
      this.udp = udp;
    }

    @Override
    public int port() {
      return tcp != null ? tcp.getLocalPort() : udp.getLocalPort();
    }

    @Override
    public void close() {
      try {
        if (tcp != null) {
          tcp.close();
        } else {
          udp.close();
        }
      } catch (IOException ignored) {
        // closing a bound socket cannot fail in a way that matters here
      }
    }
  }
}
