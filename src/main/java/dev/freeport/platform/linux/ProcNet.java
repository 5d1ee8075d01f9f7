package dev.freeport.platform.linux;

import dev.freeport.core.discovery.Addresses;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntPredicate;

/** Parses the socket tables in /proc/net/{tcp,tcp6,udp,udp6}. */
final class ProcNet {
  /** TCP state numbers as the kernel writes them (include/net/tcp_states.h). */
  static final int TCP_LISTEN = 0x0A;
  static final int TCP_TIME_WAIT = 0x06;
  static final int TCP_CLOSE = 0x07;

  /**
   * One line of a table: a socket, its state, the uid that created it, and its inode (0 for
   * TIME_WAIT entries).
   */
  record Entry(Endpoint local, int remotePort, int state, int uid, long inode) {}

  private ProcNet() {}

  /** Parses a whole table file; malformed lines are skipped. */
  static List<Entry> parse(String table, Protocol protocol) {
    return parse(table, protocol, port -> true);
  }

  /** Parses the lines whose local port is wanted; the others are skipped before any other work. */
  static List<Entry> parse(String table, Protocol protocol, IntPredicate wanted) {
    List<Entry> out = new ArrayList<>();
    String[] f = new String[10];
    int at = 0;
    while (at < table.length()) {
      int end = table.indexOf('\n', at);
      if (end < 0) {
        end = table.length();
      }
      if (fields(table, at, end, f) && f[0].endsWith(":")) {
        try {
          if (wanted.test(localPort(f[1]))) {
            out.add(entry(f, protocol));
          }
        } catch (RuntimeException malformed) {
          // skip it: a line the kernel cut short, or a format this parser does not know
        }
      }
      at = end + 1;
    }
    return out;
  }

  private static int localPort(String local) {
    return Integer.parseInt(local, local.indexOf(':') + 1, local.length(), 16);
  }

  private static Entry entry(String[] f, Protocol protocol) {
    byte[] address = address(f[1].substring(0, f[1].indexOf(':')));
    int port = localPort(f[1]);
    int remotePort = Integer.parseInt(f[2], f[2].indexOf(':') + 1, f[2].length(), 16);
    int state = Integer.parseInt(f[3], 16);
    int uid = Integer.parseInt(f[7]);
    long inode = Long.parseLong(f[9]);
    return new Entry(new Endpoint(protocol, Addresses.format(address), port), remotePort, state, uid, inode);
  }

  /** Splits line [from, to) on blanks into the first f.length fields; false if it has fewer. */
  private static boolean fields(String s, int from, int to, String[] f) {
    int n = 0;
    int i = from;
    while (n < f.length) {
      while (i < to && s.charAt(i) == ' ') {
        i++;
      }
      if (i >= to) {
        return false;
      }
      int start = i;
      while (i < to && s.charAt(i) != ' ') {
        i++;
      }
      f[n++] = s.substring(start, i);
    }
    return true;
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
  static byte[] address(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);
    if (raw.length != 4 && raw.length != 16) {
      throw new IllegalArgumentException("address of " + raw.length + " bytes");
    }
    byte[] out = new byte[raw.length];
    for (int w = 0; w < raw.length; w += 4) {
      for (int i = 0; i < 4; i++) {
        out[w + i] = raw[w + 3 - i];
      }
    }
    return out;
  }

  /**
   * True for a socket that keeps a server from binding its port although it does not listen: an
   * established (or closing) TCP connection, or a connected UDP socket. TIME_WAIT entries belong
   * to no process and do not stop a server that binds with SO_REUSEADDR.
   */
  static boolean blocksPort(Entry e) {
    return !holdsPort(e) && e.state() != TCP_TIME_WAIT && e.inode() != 0;
  }

  /** True for a socket that holds its port for new peers: TCP LISTEN, or UDP not connected. */
  static boolean holdsPort(Entry e) {
    return e.local().protocol() == Protocol.TCP ? e.state() == TCP_LISTEN : e.remotePort() == 0;
  }
}
