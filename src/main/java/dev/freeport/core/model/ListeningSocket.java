package dev.freeport.core.model;

import java.util.List;

/**
 * One socket that keeps a port from being bound, and every process that holds it: a listening
 * TCP socket or bound UDP socket, or (when nothing listens) a connection on the port, or a TCP
 * socket bound to it that does not listen, either of which still blocks binding it.
 *
 * @param endpoint its local address
 * @param holders pids of the processes holding it, owner first when known
 * @param complete true when every process that could hold it was inspected, so {@code holders}
 *     is the whole truth for this PID namespace; false when some holder may be hidden (another
 *     user's process while not privileged, a socket this user's table omits)
 * @param kind a listener, a connection, or a bound socket that does not listen
 */
public record ListeningSocket(Endpoint endpoint, List<Long> holders, boolean complete, Kind kind) {
  /** What the socket is; each kind keeps a server from binding the port. */
  public enum Kind {
    /** A listening TCP socket or a bound, unconnected UDP socket. */
    LISTENING("listening"),
    /** An accepted TCP connection or a connected UDP socket on the port. */
    CONNECTION("connection"),
    /**
     * A TCP socket bound to the port that neither listens nor is connected: a server between
     * {@code bind} and {@code listen}, or a client bound to a fixed source port.
     */
    BOUND("bound");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The stable name used in JSON ({@code kind}). */
    public String label() {
      return label;
    }
  }

  /** What an {@link #unattributed()} socket means. */
  public static final String NO_HOLDER = "no process in this PID namespace holds the socket in a file table"
      + " (every process was read): it may be in flight between processes (SCM_RIGHTS), or held by a"
      + " process in another PID namespace that shares this network";

  public ListeningSocket {
    holders = List.copyOf(holders);
  }

  /** A listener whose holders are complete when any were found (an OSHI row, a scripted table). */
  public ListeningSocket(Endpoint endpoint, List<Long> holders) {
    this(endpoint, holders, !holders.isEmpty(), Kind.LISTENING);
  }

  /** Whether any of these sockets may also be held by a process freeport cannot see. */
  public static boolean anyOwnerHidden(List<ListeningSocket> sockets) {
    for (ListeningSocket s : sockets) {
      if (s.ownerHidden()) {
        return true;
      }
    }
    return false;
  }

  /** The sockets grouped by local port. */
  public static java.util.Map<Integer, List<ListeningSocket>> byPort(List<ListeningSocket> all) {
    java.util.Map<Integer, List<ListeningSocket>> byPort = new java.util.HashMap<>();
    for (ListeningSocket s : all) {
      List<ListeningSocket> same = byPort.get(s.endpoint().port());
      if (same == null) {
        same = new java.util.ArrayList<>();
        byPort.put(s.endpoint().port(), same);
      }
      same.add(s);
    }
    return byPort;
  }

  /** True when a holder may exist that freeport cannot see. */
  public boolean ownerHidden() {
    return !complete;
  }

  /** True when every process was inspected and none holds it (in flight, another PID namespace). */
  public boolean unattributed() {
    return complete && holders.isEmpty();
  }
}
