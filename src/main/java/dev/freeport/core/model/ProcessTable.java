package dev.freeport.core.model;

import dev.freeport.core.model.ProcessRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A snapshot of the process list: who is whose parent, and when each started. */
public final class ProcessTable {

  /** One process in the snapshot; start times are only comparable within one platform. */
  public record Row(ProcessRef ref, long parentPid) {}

  private final Map<Long, Row> byPid = new HashMap<>();
  private final Map<Long, List<Row>> children = new HashMap<>();
  private final Map<Long, List<Row>> byParentPid = new HashMap<>();

  public ProcessTable(Collection<Row> rows) {
    for (Row r : rows) {
      byPid.put(r.ref().pid(), r);
    }
    for (Row r : rows) {
      add(byParentPid, r.parentPid(), r);
      Row parent = byPid.get(r.parentPid());
      // A child that started before its "parent" belongs to an earlier holder of that PID.
      if (parent != null && parent != r && parent.ref().canBeParentOf(r.ref())) {
        add(children, r.parentPid(), r);
      }
    }
  }

  private static void add(Map<Long, List<Row>> map, long key, Row r) {
    List<Row> rows = map.get(key);
    if (rows == null) {
      rows = new ArrayList<>();
      map.put(key, rows);
    }
    rows.add(r);
  }

  private static List<ProcessRef> refs(List<Row> rows) {
    List<ProcessRef> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(r.ref());
    }
    return Collections.unmodifiableList(out);
  }

  /** The process as it is in this snapshot, if it is the same process (same start time). */
  public boolean contains(ProcessRef ref) {
    Row r = byPid.get(ref.pid());
    return r != null && r.ref().equals(ref);
  }

  /** Everything below {@code root}, parents before their children; empty if root is gone. */
  public List<ProcessRef> descendants(ProcessRef root) {
    List<ProcessRef> out = new ArrayList<>();
    if (!contains(root)) {
      return out;
    }
    ArrayDeque<Long> queue = new ArrayDeque<>();
    queue.add(root.pid());
    Set<Long> seen = new LinkedHashSet<>(queue);
    while (!queue.isEmpty()) {
      for (Row child : children.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(child.ref().pid())) {
          out.add(child.ref());
          queue.add(child.ref().pid());
        }
      }
    }
    return out;
  }

  /** Direct children of a process in this snapshot. */
  public List<ProcessRef> children(long pid) {
    return refs(children.getOrDefault(pid, List.of()));
  }

  /**
   * Processes whose recorded parent pid is {@code pid} while no process with that pid exists:
   * on Windows, where parent pids are not reassigned, the heirs of an exited process.
   */
  public List<ProcessRef> orphansOf(long pid) {
    if (byPid.containsKey(pid)) {
      return List.of();
    }
    return refs(byParentPid.getOrDefault(pid, List.of()));
  }

  /** The parent chain of {@code pid}, nearest first, excluding pid itself. */
  public List<Long> ancestors(long pid) {
    List<Long> out = new ArrayList<>();
    Row r = byPid.get(pid);
    while (r != null && r.parentPid() > 0 && !out.contains(r.parentPid()) && r.parentPid() != pid) {
      Row parent = byPid.get(r.parentPid());
      if (parent != null && !parent.ref().canBeParentOf(r.ref())) {
        break; // the parent has exited and its pid names another process
      }
      out.add(r.parentPid());
      r = parent;
    }
    return out;
  }
}
