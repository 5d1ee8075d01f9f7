package dev.freeport.testing;

import dev.freeport.core.port.BindProbe;
import dev.freeport.core.port.Host;
import dev.freeport.core.port.HostAdvisor;
import dev.freeport.core.port.Signaller;
import dev.freeport.core.port.SocketTable;
import dev.freeport.core.port.Terminator;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.model.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A small scripted operating system for the engine's rules: processes with parents and scripted
 * reactions to signals, the sockets they hold, and a bind check. Signals are logged and change
 * the world at once; waiting takes no time. Nothing real is touched.
 */
public final class ScriptedHost
    implements Host, SocketTable, ProcessInspector, Signaller, HostAdvisor, Terminator, BindProbe {

  /** How a scripted process reacts to a graceful request. */
  public enum Behaviour { EXITS_ON_TERM, IGNORES_TERM, NOT_PERMITTED, NO_GRACEFUL_WAY }

  /** One scripted process. */
  public final class Fake {
    final ProcessInfo info;
    final Behaviour behaviour;
    final Set<Endpoint> holds = new LinkedHashSet<>();
    boolean alive = true;
    boolean frozen;
    boolean termed;
    Consumer<Fake> onFreeze = p -> { };
    Consumer<Fake> onDeath = p -> { };

    Fake(ProcessInfo info, Behaviour behaviour) {
      this.info = info;
      this.behaviour = behaviour;
    }

    public ProcessRef ref() {
      return info.ref();
    }

    public ProcessInfo info() {
      return info;
    }

    public long pid() {
      return info.pid();
    }

    public boolean alive() {
      return alive;
    }

    public boolean frozen() {
      return frozen;
    }

    /** It holds a listening socket on this endpoint (shared when several processes hold it). */
    public Fake holds(Endpoint e) {
      holds.add(e);
      return this;
    }

    /** What happens when it is frozen, e.g. it had just forked a child. */
    public Fake onFreeze(Consumer<Fake> action) {
      onFreeze = action;
      return this;
    }

    /** What happens when it dies, e.g. its supervisor starts a new one. */
    public Fake onDeath(Consumer<Fake> action) {
      onDeath = action;
      return this;
    }
  }

  private final Map<Long, Fake> procs = new LinkedHashMap<>();
  private final Set<Endpoint> blockedWithoutHolder = new HashSet<>();
  private final Map<Endpoint, List<Long>> connections = new LinkedHashMap<>();
  /** Every signal sent, as "ACTION pid", in order. */
  public final List<String> log = new ArrayList<>();
  /** How often each table was read. */
  public int listeningReads;
  public int timeWaitReads;
  private Consumer<String> onSignal = s -> { };

  public static Endpoint tcp(int port) {
    return new Endpoint(Protocol.TCP, "0.0.0.0", port);
  }

  public Fake process(long pid, long parent, String name, Behaviour behaviour) {
    Fake p = new Fake(dev.freeport.testing.Proc.of(pid).parent(parent).name(name).build(), behaviour);
    procs.put(pid, p);
    return p;
  }

  public Fake get(long pid) {
    return procs.get(pid);
  }

  /** Binding this endpoint fails although no socket is listed (a reserved range, another namespace). */
  public void blockWithoutHolder(Endpoint e) {
    blockedWithoutHolder.add(e);
  }

  /** An accepted connection on this local endpoint, held by these processes. */
  public void connection(Endpoint e, long... pids) {
    List<Long> l = new ArrayList<>();
    for (long pid : pids) {
      l.add(pid);
    }
    connections.put(e, l);
  }

  /** Called with "ACTION pid" after each signal is applied. */
  public void onSignal(Consumer<String> action) {
    onSignal = action;
  }

  /** The message "in use" fails with, as the C library of some locale words it. */
  public String inUseMessage = "Address already in use";
  /** Endpoints whose bind fails with this failure rather than "in use" (EACCES, EAFNOSUPPORT). */
  public final Map<Endpoint, Failure> failures = new LinkedHashMap<>();
  /** Every bind tried, in order. */
  public final List<Endpoint> binds = new ArrayList<>();
  private final Set<Endpoint> occupied = new HashSet<>();
  private int nextPort = 40000;

  /** A server could bind it: no live process holds the port, nothing blocks it, nothing occupies it. */
  public boolean canBind(Endpoint e) {
    if (occupied.contains(e)) {
      return false;
    }
    if (blockedWithoutHolder.stream().anyMatch(b -> b.port() == e.port() && b.protocol() == e.protocol())) {
      return false;
    }
    for (Fake p : procs.values()) {
      if (p.alive && p.holds.stream().anyMatch(h -> h.port() == e.port() && h.protocol() == e.protocol())) {
        return false;
      }
    }
    return connections.entrySet().stream().noneMatch(c -> c.getKey().port() == e.port()
        && c.getValue().stream().anyMatch(pid -> procs.get(pid).alive));
  }

  /** This process cannot bind IPv6 at all by its own settings (a JVM with preferIPv4Stack). */
  public boolean restrictIpv6;

  /** Scripted time: sleeping advances it at once. */
  public long nanos;
  /** Every sleep taken on the scripted clock, in milliseconds. */
  public final List<Long> sleeps = new ArrayList<>();

  @Override
  public dev.freeport.core.port.Clock clock() {
    return new dev.freeport.core.port.Clock() {
      @Override
      public long nanoTime() {
        return nanos;
      }

      @Override
      public void sleep(long millis) {
        sleeps.add(millis);
        nanos += millis * 1_000_000;
      }
    };
  }

  // --- BindProbe

  @Override
  public boolean restricted(Endpoint e) {
    return restrictIpv6 && e.ipv6();
  }

  @Override
  public Optional<Failure> bind(Endpoint e) {
    binds.add(e);
    if (restricted(e)) {
      return Optional.of(new Failure("java.net.SocketException", "Protocol family unavailable"));
    }
    for (Map.Entry<Endpoint, Failure> f : failures.entrySet()) {
      Endpoint k = f.getKey();
      if (k.protocol() == e.protocol() && k.address().equals(e.address()) && (k.port() == e.port() || k.port() == -1)) {
        return Optional.of(f.getValue());
      }
    }
    if (e.port() == 0 || canBind(e)) {
      return Optional.empty();
    }
    return Optional.of(new Failure("java.net.BindException", inUseMessage));
  }

  @Override
  public Occupied occupy(Endpoint e) throws java.io.IOException {
    if (bind(e).isPresent()) {
      throw new java.io.IOException("cannot bind " + e.hostPort());
    }
    Endpoint held = new Endpoint(e.protocol(), e.address(), e.port() == 0 ? nextPort++ : e.port());
    occupied.add(held);
    return new Occupied() {
      @Override
      public int port() {
        return held.port();
      }

      @Override
      public void close() {
        occupied.remove(held);
      }
    };
  }

  private void kill(Fake p) {
    if (p.alive) {
      p.alive = false;
      p.onDeath.accept(p);
    }
  }

  // --- Host

  @Override
  public SocketTable sockets() {
    return this;
  }

  @Override
  public ProcessInspector processes() {
    return this;
  }

  @Override
  public Signaller signaller() {
    return this;
  }

  @Override
  public HostAdvisor advisor() {
    return this;
  }

  @Override
  public Terminator openTerminator(dev.freeport.core.model.GracefulSignal graceful) {
    return this;
  }

  @Override
  public Set<String> criticalProcessNames() {
    return Set.of("init", "systemd");
  }

  @Override
  public String privilegeHint() {
    return "re-run with sudo";
  }

  // --- SocketTable

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    listeningReads++;
    Map<Endpoint, List<Long>> holders = new LinkedHashMap<>();
    for (Fake p : procs.values()) {
      if (p.alive) {
        for (Endpoint e : p.holds) {
          if (protocols.contains(e.protocol()) && ports.matches(e.port())) {
            holders.computeIfAbsent(e, k -> new ArrayList<>()).add(p.pid());
          }
        }
      }
    }
    List<ListeningSocket> out = new ArrayList<>();
    holders.forEach((e, pids) -> out.add(new ListeningSocket(e, pids)));
    return out;
  }

  @Override
  public List<ListeningSocket> blocking(Set<Protocol> protocols, PortSet ports) {
    List<ListeningSocket> out = new ArrayList<>();
    connections.forEach((e, pids) -> {
      List<Long> alive = pids.stream().filter(pid -> procs.get(pid).alive).toList();
      if (!alive.isEmpty() && ports.matches(e.port()) && protocols.contains(e.protocol())) {
        out.add(new ListeningSocket(e, alive, true, ListeningSocket.Kind.CONNECTION));
      }
    });
    return out;
  }

  @Override
  public Map<Integer, Integer> timeWait(PortSet ports) {
    timeWaitReads++;
    return Map.of();
  }

  // --- ProcessInspector

  @Override
  public ProcessTable snapshot() {
    List<ProcessTable.Row> rows = new ArrayList<>();
    procs.values().stream().filter(p -> p.alive)
        .forEach(p -> rows.add(new ProcessTable.Row(p.ref(), p.info.parentPid())));
    return new ProcessTable(rows);
  }

  @Override
  public Optional<ProcessInfo> describe(long pid) {
    Fake p = procs.get(pid);
    return p != null && p.alive ? Optional.of(p.info) : Optional.empty();
  }

  @Override
  public Optional<ProcessRef> identify(long pid) {
    return describe(pid).map(ProcessInfo::ref);
  }

  // --- Terminator

  /** The process that has the pid when it is taken; scripted reuse of the pid after that is not seen. */
  @Override
  public Held hold(long pid) {
    Fake taken = procs.get(pid);
    return action -> deliver(taken, action);
  }

  private Delivery deliver(Fake p, Action action) {
    if (p == null || !p.alive) {
      return Delivery.GONE;
    }
    if (p.behaviour == Behaviour.NOT_PERMITTED) {
      return Delivery.DENIED;
    }
    if (action == Action.GRACEFUL && p.behaviour == Behaviour.NO_GRACEFUL_WAY) {
      return Delivery.UNSUPPORTED;
    }
    long pid = p.ref().pid();
    log.add(action + " " + pid);
    switch (action) {
      case GRACEFUL -> p.termed = true;
      case FORCE -> kill(p);
      case FREEZE -> {
        p.frozen = true;
        p.onFreeze.accept(p);
      }
      case RESUME -> p.frozen = false;
    }
    onSignal.accept(action + " " + pid);
    return Delivery.DELIVERED;
  }

  @Override
  public Set<ProcessRef> awaitExit(Collection<ProcessRef> ps, Duration timeout) {
    Set<ProcessRef> left = new LinkedHashSet<>();
    for (ProcessRef r : ps) {
      Fake p = procs.get(r.pid());
      if (p != null && p.alive && p.termed && !p.frozen && p.behaviour == Behaviour.EXITS_ON_TERM) {
        kill(p);
      }
      if (p != null && p.alive) {
        left.add(r);
      }
    }
    return left;
  }
}
