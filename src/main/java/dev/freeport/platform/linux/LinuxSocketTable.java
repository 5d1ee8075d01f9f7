package dev.freeport.platform.linux;

import dev.freeport.core.port.SocketTable;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.function.IntPredicate;

/**
 * Sockets from /proc/net, and every holder of each from /proc/PID/fd. Unlike a table that maps
 * each socket to one PID, this finds all processes sharing a socket (pre-fork servers, inherited
 * sockets). A socket no process's table shows is looked for again in the threads' own tables
 * (a thread with its own file table, or a process whose main thread has exited). Processes whose
 * descriptors cannot be read are remembered, so a socket is reported complete only when no
 * unreadable process could hold it.
 *
 * <p>For ports whose bind failed ({@link #blocking}), TCP sockets bound to them that do not listen
 * are looked for too ({@link BoundSockets}: no /proc/net table lists them), through native calls
 * loaded only then; the check after a stop looks for them again on the ports they were found on.
 */
public final class LinuxSocketTable implements SocketTable {
  private static final int PARALLEL_FROM = 256;
  /** How many more times the processes born during a scan are read for a socket still without holder. */
  private static final int CHASE_ROUNDS = 3;
  private final ProcFiles proc;
  private final int myUid;
  /** Processes whose descriptors the last scan could not read (another user's, or protected). */
  private volatile List<Long> unreadable = List.of();
  /** The native calls for {@link BoundSockets}; null for JNA's. */
  private final Callable<LinuxSyscalls> natives;
  /** Ports bound sockets were found on, searched again by {@link #snapshot}. */
  private final Set<Integer> boundPorts = ConcurrentHashMap.newKeySet();
  private BoundSockets bound;
  private String nativesMissing;
  private volatile BoundSockets.Search lastBound;

  public LinuxSocketTable(Path procRoot, int myUid) {
    this(procRoot, myUid, null);
  }

  /** @param natives the native calls that find bound sockets; null for JNA's, loaded on first need */
  LinuxSocketTable(Path procRoot, int myUid, Callable<LinuxSyscalls> natives) {
    this.proc = new ProcFiles(procRoot);
    this.myUid = myUid;
    this.natives = natives;
  }

  @Override
  public List<ListeningSocket> listening(Set<Protocol> protocols, PortSet ports) {
    return sockets(read(protocols, ports), false, List.of());
  }

  /** Connections on these ports and, for TCP, sockets bound to them that do not listen. */
  @Override
  public List<ListeningSocket> blocking(Set<Protocol> protocols, PortSet ports) {
    Map<Protocol, List<ProcNet.Entry>> tables = read(protocols, ports);
    List<SockDiag.Bound> found = protocols.contains(Protocol.TCP) ? searchBound(ports).sockets() : List.of();
    return sockets(tables, true, found);
  }

  /**
   * The last search for bound sockets if it covered this port, else a new one on it alone: what
   * was searched and found, for the reason a bind fails.
   */
  BoundSockets.Search boundSearch(int port) {
    BoundSockets.Search last = lastBound;
    return last != null && last.ports().matches(port) ? last : searchBound(PortSet.of(port));
  }

  /** Bound, not listening TCP sockets on these ports; "not searched" when the native calls cannot load. */
  private synchronized BoundSockets.Search searchBound(PortSet ports) {
    if (bound == null && nativesMissing == null) {
      try {
        LinuxSyscalls sys = natives != null ? natives.call() : new JnaLoader().call();
        Optional<String> self = proc.link("self");
        bound = BoundSockets.onProc(sys, proc, self.isPresent() ? Long.parseLong(self.get()) : -1);
      } catch (Exception | LinkageError e) {
        nativesMissing = "freeport's native calls could not be loaded: " + e.getClass().getSimpleName();
      }
    }
    BoundSockets.Search s;
    try {
      s = bound != null ? bound.search(ports) : BoundSockets.Search.none(ports, nativesMissing);
    } catch (RuntimeException | LinkageError e) {
      s = BoundSockets.Search.none(ports, "the search failed (" + e.getClass().getSimpleName() + ")");
    }
    for (SockDiag.Bound b : s.sockets()) {
      boundPorts.add(b.local().port());
    }
    lastBound = s;
    return s;
  }

  /** JNA's calls, in a class of their own so that JNA is not loaded before they are needed. */
  private static final class JnaLoader implements Callable<LinuxSyscalls> {
    @Override
    public LinuxSyscalls call() {
      return dev.freeport.platform.linux.jna.JnaSyscalls.load();
    }
  }

  /** Both from one reading of each table: TCP's is read once even when it serves both. */
  @Override
  public Snapshot snapshot(Set<Protocol> protocols, PortSet ports) {
    Set<Protocol> all = EnumSet.of(Protocol.TCP);
    all.addAll(protocols);
    Map<Protocol, List<ProcNet.Entry>> read = read(all, ports);
    List<ProcNet.Entry> tcp = read.get(Protocol.TCP);
    if (!protocols.contains(Protocol.TCP)) {
      read.remove(Protocol.TCP);
    }
    List<SockDiag.Bound> found = List.of();
    if (protocols.contains(Protocol.TCP) && !boundPorts.isEmpty()) {
      PortSet again = boundBefore(ports);
      found = again.isEmpty() ? found : searchBound(again).sockets();
    }
    return new Snapshot(sockets(read, false, found), timeWait(tcp));
  }

  /** The ports among these where bound sockets were found before. */
  private PortSet boundBefore(PortSet ports) {
    List<Integer> again = new ArrayList<>();
    for (int port : boundPorts) {
      if (ports.matches(port)) {
        again.add(port);
      }
    }
    int[] all = new int[again.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = again.get(i);
    }
    return PortSet.of(all);
  }

  /** The entries of each protocol's tables on these ports. */
  private Map<Protocol, List<ProcNet.Entry>> read(Set<Protocol> protocols, PortSet ports) {
    Map<Protocol, List<ProcNet.Entry>> read = new EnumMap<>(Protocol.class);
    for (Protocol p : protocols) {
      read.put(p, entries(p, ports));
    }
    return read;
  }

  /**
   * Processes whose descriptors the last scan could not read, or the last search for bound
   * sockets could not copy.
   */
  public List<Long> unreadable() {
    BoundSockets.Search last = lastBound;
    if (last == null || last.notSearched().isEmpty()) {
      return unreadable;
    }
    Set<Long> all = new java.util.TreeSet<>(unreadable);
    all.addAll(last.notSearched());
    return List.copyOf(all);
  }

  /**
   * @param connection false for the sockets that hold their port ({@link ProcNet#holdsPort}), true
   *     for those that only keep it from being bound ({@link ProcNet#blocksPort})
   * @param bound TCP sockets bound without listening, with their holders found in the same scan
   */
  private List<ListeningSocket> sockets(Map<Protocol, List<ProcNet.Entry>> tables, boolean connection,
      List<SockDiag.Bound> bound) {
    List<ProcNet.Entry> wanted = new ArrayList<>();
    for (List<ProcNet.Entry> table : tables.values()) {
      for (ProcNet.Entry e : table) {
        boolean kind = connection ? ProcNet.blocksPort(e) : ProcNet.holdsPort(e);
        if (kind && e.inode() != 0) {
          wanted.add(e);
        }
      }
    }
    int tabled = wanted.size();
    for (SockDiag.Bound b : bound) {
      wanted.add(new ProcNet.Entry(b.local(), 0, ProcNet.TCP_CLOSE, b.uid(), b.inode()));
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    Scan scan = scan(wanted);
    List<ListeningSocket> out = new ArrayList<>(wanted.size());
    for (int i = 0; i < wanted.size(); i++) {
      ProcNet.Entry e = wanted.get(i);
      List<Long> holders = scan.holders.getOrDefault(e.inode(), List.of());
      ListeningSocket.Kind kind = i >= tabled ? ListeningSocket.Kind.BOUND
          : connection ? ListeningSocket.Kind.CONNECTION : ListeningSocket.Kind.LISTENING;
      out.add(new ListeningSocket(e.local(), holders, complete(e, holders, scan), kind));
    }
    return out;
  }

  /**
   * Whether the holders found are all there are. When some processes could not be read, a
   * socket with no visible holder may be theirs; one with visible holders may be shared with
   * them only if it was created by another user (socket activation, a dropped privilege) or an
   * unreadable process descends from a holder (inherited it, e.g. through sudo).
   */
  private boolean complete(ProcNet.Entry e, List<Long> holders, Scan scan) {
    if (scan.unreadable.isEmpty()) {
      return true;
    }
    if (holders.isEmpty() || e.uid() != myUid) {
      return false;
    }
    for (long pid : scan.unreadable) {
      if (descendsFrom(pid, holders)) {
        return false;
      }
    }
    return true;
  }

  private boolean descendsFrom(long pid, List<Long> ancestors) {
    long at = pid;
    for (int depth = 0; depth < 64; depth++) {
      Optional<ProcStat> s = proc.stat(at);
      if (s.isEmpty() || s.get().parentPid() <= 1) {
        return false;
      }
      at = s.get().parentPid();
      if (ancestors.contains(at)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<Integer, Integer> timeWait(PortSet ports) {
    return timeWait(entries(Protocol.TCP, ports));
  }

  private static Map<Integer, Integer> timeWait(List<ProcNet.Entry> tcp) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (ProcNet.Entry e : tcp) {
      if (e.state() == ProcNet.TCP_TIME_WAIT) {
        Integer before = counts.get(e.local().port());
        counts.put(e.local().port(), before == null ? 1 : before + 1);
      }
    }
    return counts;
  }

  /** The entries of the IPv4 and then the IPv6 table of the protocol whose local port is wanted. */
  private List<ProcNet.Entry> entries(Protocol p, PortSet ports) {
    IntPredicate wanted = new Matches(ports);
    List<ProcNet.Entry> out = new ArrayList<>();
    for (String table : List.of(p.label(), p.label() + "6")) {
      Optional<String> text = proc.read("net", table);
      if (text.isPresent()) {
        out.addAll(ProcNet.parse(text.get(), p, wanted));
      }
    }
    return out;
  }

  /** {@link PortSet#matches} as an IntPredicate. */
  private static final class Matches implements IntPredicate {
    private final PortSet ports;

    Matches(PortSet ports) {
      this.ports = ports;
    }

    @Override
    public boolean test(int port) {
      return ports.matches(port);
    }
  }

  /** Holders of each wanted inode, and the processes whose descriptors could not be read. */
  private record Scan(Map<Long, List<Long>> holders, List<Long> unreadable) {}

  /**
   * Maps each wanted socket inode to all pids holding it, by reading every process's fds. The
   * processes are read in parallel (one readlink per descriptor is the whole cost); the result
   * keeps the order of the process list. Inodes still without a holder are looked for in the
   * threads' own tables, which costs nothing in the usual case where every socket was found.
   */
  private Scan scan(List<ProcNet.Entry> wanted) {
    Map<Long, List<Long>> byInode = new HashMap<>();
    for (ProcNet.Entry e : wanted) {
      byInode.put(e.inode(), new ArrayList<>(1));
    }
    List<Long> pids = proc.pids();
    Set<Long> blind = ConcurrentHashMap.newKeySet();
    // Below a few hundred processes the fork/join start-up costs more than the second core saves.
    List<long[]> hits = pids.size() >= PARALLEL_FROM
        ? new FdScan(pids, byInode.keySet(), blind).invoke()
        : socketsOf(pids, byInode.keySet(), blind);
    record(hits, byInode);
    Set<Long> orphans = orphans(byInode);
    if (!orphans.isEmpty()) {
      // A process started after the list was taken (a holder that forks and exits) is read too,
      // and so are the threads that have file tables of their own.
      Set<Long> seen = new LinkedHashSet<>(pids);
      chase(byInode, seen, blind);
      threads(seen, orphans, byInode, blind);
      for (int round = 0; round < CHASE_ROUNDS && chase(byInode, seen, blind); round++) {
        // each round reads only the processes born since the last list was taken
      }
    }
    List<Long> unseen = new ArrayList<>(blind);
    unseen.sort(null);
    unreadable = List.copyOf(unseen);
    return new Scan(byInode, unreadable);
  }

  /**
   * Reads the descriptors of processes not in {@code seen} (born since it was listed), for the
   * sockets still without a holder: a holder that forks and exits in a loop can pass its socket on
   * between a list of the processes and the reading of each.
   *
   * @return whether another round may find more (some socket has no holder and new processes came)
   */
  private boolean chase(Map<Long, List<Long>> byInode, Set<Long> seen, Set<Long> blind) {
    Set<Long> orphans = orphans(byInode);
    if (orphans.isEmpty()) {
      return false;
    }
    List<long[]> more = new ArrayList<>();
    boolean born = false;
    for (long pid : proc.pids()) {
      if (seen.add(pid)) {
        born = true;
        more.addAll(socketsOf(pid, proc.root() + "/" + pid + "/fd/", orphans, blind));
      }
    }
    record(more, byInode);
    return born;
  }

  /**
   * Reads, for the sockets in {@code orphans}, the file tables of threads that have their own:
   * a thread whose descriptor numbers differ from its process's, or the threads of a zombie leader
   * (its main thread exited; its own table is gone, its threads' are not).
   */
  private void threads(Set<Long> pids, Set<Long> orphans, Map<Long, List<Long>> byInode, Set<Long> blind) {
    List<long[]> more = new ArrayList<>();
    for (long pid : pids) {
      List<String> tasks = tasks(pid);
      if (tasks.size() > 1) {
        // Threads almost always share the process's file table: only a thread whose descriptor
        // numbers differ from the process's has a table of its own worth reading.
        Set<String> shared = fdNames(proc.root() + "/" + pid + "/fd");
        for (String tid : tasks) {
          String dir = proc.root() + "/" + pid + "/task/" + tid + "/fd";
          if (!tid.equals(Long.toString(pid)) && !fdNames(dir).equals(shared)) {
            more.addAll(socketsOf(pid, dir + "/", orphans, new HashSet<>()));
          }
        }
      }
      if (blind.contains(pid) && !tasks(pid).isEmpty()) {
        more.addAll(socketsOf(pid, proc.root() + "/" + pid + "/task/" + pid + "/fd/", orphans, new HashSet<>()));
      }
    }
    record(more, byInode);
  }

  /** The inodes no process has been found holding yet. */
  private static Set<Long> orphans(Map<Long, List<Long>> byInode) {
    Set<Long> orphans = new HashSet<>();
    for (Map.Entry<Long, List<Long>> e : byInode.entrySet()) {
      if (e.getValue().isEmpty()) {
        orphans.add(e.getKey());
      }
    }
    return orphans;
  }

  /**
   * The descriptors of a list of processes, read by halves on the common fork/join pool the way a
   * parallel stream would split them (about four pieces per worker).
   * The hits keep the order of the list.
   */
  private final class FdScan extends RecursiveTask<List<long[]>> {
    private final List<Long> pids;
    private final Set<Long> inodes;
    private final Set<Long> blind;
    private final int piece;

    FdScan(List<Long> pids, Set<Long> inodes, Set<Long> blind) {
      this(pids, inodes, blind, Math.max(1, pids.size() / (ForkJoinPool.getCommonPoolParallelism() * 4)));
    }

    private FdScan(List<Long> pids, Set<Long> inodes, Set<Long> blind, int piece) {
      this.pids = pids;
      this.inodes = inodes;
      this.blind = blind;
      this.piece = piece;
    }

    @Override
    protected List<long[]> compute() {
      if (pids.size() <= piece) {
        return socketsOf(pids, inodes, blind);
      }
      int half = pids.size() / 2;
      FdScan second = new FdScan(pids.subList(half, pids.size()), inodes, blind, piece);
      second.fork();
      List<long[]> out = new FdScan(pids.subList(0, half), inodes, blind, piece).compute();
      out.addAll(second.join());
      return out;
    }
  }

  /** {@link #socketsOf(long, String, Set, Set)} for each process's own table, in the order of the list. */
  private List<long[]> socketsOf(List<Long> pids, Set<Long> inodes, Set<Long> blind) {
    List<long[]> out = new ArrayList<>();
    for (long pid : pids) {
      out.addAll(socketsOf(pid, proc.root() + "/" + pid + "/fd/", inodes, blind));
    }
    return out;
  }

  private static void record(List<long[]> hits, Map<Long, List<Long>> byInode) {
    for (long[] hit : hits) {
      List<Long> list = byInode.get(hit[0]);
      if (!list.contains(hit[1])) {
        list.add(hit[1]);
      }
    }
  }

  private static Set<String> fdNames(String dir) {
    String[] names = new File(dir).list();
    return names == null ? Set.of() : Set.of(names);
  }

  private List<String> tasks(long pid) {
    String[] t = new File(proc.root() + "/" + pid + "/task").list();
    return t == null ? List.of() : List.of(t);
  }

  /**
   * (inode, pid) for each wanted socket among the descriptors in {@code dir}; a process whose
   * descriptors exist but cannot be read is added to {@code blind}.
   */
  private List<long[]> socketsOf(long pid, String dir, Set<Long> inodes, Set<Long> blind) {
    String[] fds = new File(dir).list();
    if (fds == null) {
      if (Files.exists(Path.of(dir).getParent())) {
        blind.add(pid); // it exists, but its descriptors cannot be read
      }
      return List.of();
    }
    List<long[]> out = new ArrayList<>(0);
    for (String fd : fds) {
      long inode = ProcFiles.socketInode(Path.of(dir + fd));
      if (inode >= 0 && inodes.contains(inode)) {
        out.add(new long[] {inode, pid});
      }
    }
    return out;
  }
}
