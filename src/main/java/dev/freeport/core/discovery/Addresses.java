package dev.freeport.core.discovery;

/**
 * Formats raw IP addresses the way people write them (RFC 5952 for IPv6). An IPv4-mapped IPv6
 * address ({@code ::ffff:127.0.0.1}, which the JDK and others use for IPv4 on dual-stack sockets)
 * is an IPv4 address and is written as one.
 */
public final class Addresses {
  private Addresses() {}

  /** Text form of a 4- or 16-byte address in network byte order. */
  public static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    if (a.length != 16) {
      throw new IllegalArgumentException("address of " + a.length + " bytes");
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    if (isV4Mapped(groups)) {
      return format(new byte[] {a[12], a[13], a[14], a[15]});
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  private static boolean isV4Mapped(int[] g) {
    return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
  }
}
