package dev.freeport.platform.linux;

import dev.freeport.core.discovery.Addresses;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Parses the socket tables in /proc/net/{tcp,tcp6,udp,udp6}. */
final class ProcNet {
  /** TCP state numbers as the kernel writes them (include/net/tcp_states.h). */
  static final int TCP_LISTEN = 0x0A;
  static final int TCP_TIME_WAIT = 0x06;

  /** One line of a table: a socket, its state, and its inode (0 for TIME_WAIT entries). */
  record Entry(Endpoint local, int remotePort, int state, long inode) {}

  private ProcNet() {}

  /** Parses a whole table file; malformed lines are skipped. */
  static List<Entry> parse(String table, Protocol protocol) {
    List<Entry> out = new ArrayList<>();
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[0].endsWith(":")) {
        continue; // the header, or a line cut short
      }
      try {
        int colon = f[1].indexOf(':');
        byte[] address = address(f[1].substring(0, colon));
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
        int state = Integer.parseInt(f[3], 16);
        long inode = Long.parseLong(f[9]);
        out.add(new Entry(new Endpoint(protocol, Addresses.format(address), port), remotePort, state, inode));
      } catch (RuntimeException malformed) {
        // skip it: a table line the kernel cut or a format this parser does not know
      }
    }
    return out;
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

  /** True for a socket that holds its port for new peers: TCP LISTEN, or UDP not connected. */
  static boolean holdsPort(Entry e) {
    return e.local().protocol() == Protocol.TCP ? e.state() == TCP_LISTEN : e.remotePort() == 0;
  }
}
