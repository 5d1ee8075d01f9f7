package dev.freeport.core.model;

import java.util.BitSet;
import java.util.stream.IntStream;

/** An immutable set of port numbers, or the set of every port ({@link #all()}). */
public final class PortSet {
  private static final PortSet ALL = new PortSet(new BitSet(), true);
  private final BitSet ports;
  private final boolean all;

  private PortSet(BitSet ports, boolean all) {
    this.ports = ports;
    this.all = all;
  }

  public static PortSet of(int... ports) {
    BitSet bits = new BitSet();
    for (int p : ports) {
      bits.set(p);
    }
    return new PortSet(bits, false);
  }

  /** The set that matches every port. */
  public static PortSet all() {
    return ALL;
  }

  /** The union; "every port" if any of them is. */
  public static PortSet union(Iterable<PortSet> sets) {
    BitSet bits = new BitSet();
    for (PortSet s : sets) {
      if (s.all) {
        return ALL;
      }
      bits.or(s.ports);
    }
    return new PortSet(bits, false);
  }

  public static PortSet range(int from, int to) {
    BitSet bits = new BitSet();
    bits.set(from, to + 1);
    return new PortSet(bits, false);
  }

  /** True for the "every port" set; an empty set matches nothing. */
  public boolean isAll() {
    return all;
  }

  public boolean isEmpty() {
    return !all && ports.isEmpty();
  }

  public boolean matches(int port) {
    return all || ports.get(port);
  }

  /** How many ports; meaningless for {@link #all()}, which reports 65535. */
  public int size() {
    return all ? 65535 : ports.cardinality();
  }

  /** The ports in ascending order; 1 to 65535 for {@link #all()}. */
  public IntStream stream() {
    return all ? IntStream.rangeClosed(1, 65535) : ports.stream();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSet other && other.all == all && other.ports.equals(ports);
  }

  @Override
  public int hashCode() {
    return ports.hashCode() + (all ? 1 : 0);
  }

  @Override
  public String toString() {
    return all ? "all" : ports.toString();
  }
}
