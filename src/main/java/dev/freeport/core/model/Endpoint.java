package dev.freeport.core.model;

import java.util.List;

/**
 * A local socket address that something listens on (TCP) or is bound to (UDP).
 *
 * @param protocol TCP or UDP
 * @param address the local address in its usual text form ({@code 0.0.0.0}, {@code ::},
 *     {@code 127.0.0.1}, {@code ::1})
 * @param port 1..65535
 */
public record Endpoint(Protocol protocol, String address, int port) {
  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoint other && other.protocol == protocol && other.port == port
        && other.address.equals(address);
  }

  @Override
  public int hashCode() {
    return (protocol.hashCode() * 31 + address.hashCode()) * 31 + port;
  }

  /** True for an IPv6 address (which may also accept IPv4 unless the socket is v6-only). */
  public boolean ipv6() {
    return address.indexOf(':') >= 0;
  }

  /** The IPv4 and IPv6 wildcard addresses of a port: where a server binds to take it everywhere. */
  public static List<Endpoint> wildcards(Protocol protocol, int port) {
    return List.of(new Endpoint(protocol, "0.0.0.0", port), new Endpoint(protocol, "::", port));
  }

  /** 4 or 6. */
  public int ipVersion() {
    return ipv6() ? 6 : 4;
  }

  /** {@code 127.0.0.1:8080} or {@code [::1]:8080}. */
  public String hostPort() {
    return (ipv6() ? "[" + address + "]" : address) + ":" + port;
  }
}
