package dev.freeport.core.model;

import java.util.BitSet;
import java.util.stream.IntStream;

/** An immutable set of port numbers; an empty set stands for "every port" where noted. */
public final class PortSet {
  private static final PortSet ALL = new PortSet(new BitSet());
  private final BitSet ports;

  private PortSet(BitSet ports) {
    this.ports = ports;
  }

  public static PortSet of(int... ports) {
    BitSet bits = new BitSet();
    for (int p : ports) {
      bits.set(p);
    }
    return new PortSet(bits);
  }

  /** The set that matches every port. */
  public static PortSet all() {
    return ALL;
  }

  public static PortSet union(Iterable<PortSet> sets) {
    BitSet bits = new BitSet();
    for (PortSet s : sets) {
      bits.or(s.ports);
    }
    return new PortSet(bits);
  }

  public static PortSet range(int from, int to) {
    BitSet bits = new BitSet();
    bits.set(from, to + 1);
    return new PortSet(bits);
  }

  /** True for the "every port" set. */
  public boolean isAll() {
    return ports.isEmpty();
  }

  public boolean matches(int port) {
    return isAll() || ports.get(port);
  }

  public int size() {
    return ports.cardinality();
  }

  /** The ports in ascending order (none for the "every port" set). */
  public IntStream stream() {
    return ports.stream();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSet other && other.ports.equals(ports);
  }

  @Override
  public int hashCode() {
    return ports.hashCode();
  }

  @Override
  public String toString() {
    return isAll() ? "all" : ports.toString();
  }
}
