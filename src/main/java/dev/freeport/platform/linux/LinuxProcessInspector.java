package dev.freeport.platform.linux;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.process.ProcessInspector;
import dev.freeport.core.process.ProcessTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Process facts from /proc: exact start times in clock ticks, parents, names, users, memory. */
public final class LinuxProcessInspector implements ProcessInspector {
  /** USER_HZ: the unit of start times in /proc/PID/stat on every mainstream architecture. */
  private static final long TICKS_PER_SECOND = 100;

  private final ProcFiles proc;
  private final Map<Integer, String> userNames = new ConcurrentHashMap<>();
  private volatile long bootMillis = -1;

  public LinuxProcessInspector(Path procRoot) {
    this.proc = new ProcFiles(procRoot);
  }

  @Override
  public ProcessTable snapshot() {
    List<ProcessTable.Row> rows = new ArrayList<>();
    for (long pid : proc.pids()) {
      live(pid)
          .ifPresent(s -> rows.add(new ProcessTable.Row(new ProcessRef(pid, s.startTicks()), s.parentPid())));
    }
    return new ProcessTable(rows);
  }

  @Override
  public Optional<ProcessRef> identify(long pid) {
    return live(pid).map(s -> new ProcessRef(pid, s.startTicks()));
  }

  /**
   * The stat of a running process: not a zombie, or a zombie thread-group leader whose other
   * threads still run (its main thread exited; the process and its sockets live on).
   */
  private Optional<ProcStat> live(long pid) {
    return proc.stat(pid).filter(s -> !s.zombie() || liveThreads(pid));
  }

  private boolean liveThreads(long pid) {
    String[] tasks = proc.root().resolve(Long.toString(pid)).resolve("task").toFile().list();
    if (tasks == null) {
      return false;
    }
    for (String tid : tasks) {
      if (!tid.equals(Long.toString(pid)) && proc.stat(Long.parseLong(tid)).filter(t -> !t.zombie()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * False only when this exact process is running or sleeping (state R, S, D or I), so SIGCONT
   * would change nothing; true when it is stopped, traced, or its state cannot be read.
   */
  public boolean mayBeStopped(ProcessRef p) {
    Optional<ProcStat> s = proc.stat(p.pid());
    if (s.isEmpty() || s.get().startTicks() != p.startTime()) {
      return true;
    }
    char state = s.get().state();
    return state != 'R' && state != 'S' && state != 'D' && state != 'I';
  }

  @Override
  public Optional<Job> job(long pid) {
    return live(pid).map(s -> new Job(s.group(), s.session(), s.tty()));
  }

  /** Reads /proc/PID/environ (NUL-separated NAME=value), readable for one's own processes and as root. */
  @Override
  public Optional<String> environment(long pid, String name) {
    Optional<byte[]> raw = proc.bytes(Long.toString(pid), "environ");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String prefix = name + "=";
    for (String entry : new String(raw.get(), StandardCharsets.UTF_8).split("\0")) {
      if (entry.startsWith(prefix)) {
        return Optional.of(entry.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> cgroup(long pid) {
    return proc.read(Long.toString(pid), "cgroup");
  }

  /** Walks /proc/PID/stat up the chain: a few reads instead of a whole snapshot. */
  @Override
  public List<Long> ancestors(long pid) {
    List<Long> out = new ArrayList<>();
    long at = pid;
    for (Optional<ProcStat> s = proc.stat(at); s.isPresent() && s.get().parentPid() > 0; s = proc.stat(at)) {
      at = s.get().parentPid();
      if (out.contains(at) || at == pid) {
        break;
      }
      out.add(at);
    }
    return out;
  }

  /** Reads /proc/PID/task/TID/children, which lists the children each thread started. */
  @Override
  public List<ProcessRef> children(ProcessRef parent) {
    if (!isRunning(parent)) {
      return List.of();
    }
    String pid = Long.toString(parent.pid());
    List<ProcessRef> out = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.root().resolve(pid).resolve("task"))) {
      for (Path task : tasks) {
        Optional<String> children = proc.read(pid, "task", task.getFileName().toString(), "children");
        if (children.isEmpty()) {
          return ProcessInspector.super.children(parent); // a kernel without CONFIG_PROC_CHILDREN
        }
        for (String child : children.get().trim().split(" ")) {
          if (!child.isEmpty()) {
            identify(Long.parseLong(child)).ifPresent(out::add);
          }
        }
      }
    } catch (IOException e) {
      return List.of(); // it exited meanwhile
    }
    return out;
  }

  @Override
  public Optional<ProcessInfo> describe(long pid) {
    Optional<ProcStat> stat = live(pid);
    if (stat.isEmpty()) {
      return Optional.empty();
    }
    ProcStat s = stat.get();
    String status = proc.read(Long.toString(pid), "status").orElse("");
    String command = proc.bytes(Long.toString(pid), "cmdline").map(LinuxProcessInspector::commandLine).orElse("");
    return Optional.of(new ProcessInfo(
        new ProcessRef(pid, s.startTicks()),
        s.parentPid(),
        name(pid, s, command),
        command,
        field(status, "Uid:").map(uid -> user(pid, Integer.parseInt(uid.split("\\s+")[1]))),
        started(s.startTicks()),
        field(status, "VmRSS:").map(v -> OptionalLong.of(Long.parseLong(v.split("\\s+")[0]) * 1024))
            .orElse(OptionalLong.empty()),
        s.kernelThread()));
  }

  /**
   * Arguments are separated by NUL bytes; they are joined with spaces, and an argument that
   * contains a space or a quote, or is empty, is single-quoted the way a shell would need it. A
   * single argument is a title a process set for itself (nginx, postgres) and is shown as is.
   * Invalid UTF-8 becomes U+FFFD.
   */
  static String commandLine(byte[] raw) {
    int end = raw.length;
    while (end > 0 && raw[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    boolean several = false;
    for (int i = 0; i < end && !several; i++) {
      several = raw[i] == 0;
    }
    int start = 0;
    for (int i = 0; i <= end; i++) {
      if (i == end || raw[i] == 0) {
        String arg = new String(raw, start, i - start, StandardCharsets.UTF_8);
        if (b.length() > 0) {
          b.append(' ');
        }
        boolean quote = several && (arg.isEmpty() || arg.matches(".*[\\s'\"].*"));
        b.append(quote ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        start = i + 1;
      }
    }
    return b.toString();
  }

  /** The executable's file name; the kernel's 15-character name can be a thread's name. */
  private String name(long pid, ProcStat s, String command) {
    Optional<String> exe = proc.link(Long.toString(pid), "exe")
        .map(p -> p.endsWith(" (deleted)") ? p.substring(0, p.length() - 10) : p)
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .filter(n -> !n.isEmpty());
    return exe.orElse(s.comm());
  }

  private static Optional<String> field(String status, String key) {
    int at = status.indexOf("\n" + key);
    if (at < 0) {
      return Optional.empty();
    }
    int start = at + key.length() + 1;
    int end = status.indexOf('\n', start);
    return Optional.of(status.substring(start, end < 0 ? status.length() : end).trim());
  }

  /** Name of the real uid; resolved through the owner of /proc/PID where that is the same uid. */
  private String user(long pid, int uid) {
    return userNames.computeIfAbsent(uid, u -> {
      Path dir = proc.root().resolve(Long.toString(pid));
      try {
        if (((Integer) Files.getAttribute(dir, "unix:uid")).intValue() == u.intValue()) {
          return Files.readAttributes(dir, PosixFileAttributes.class).owner().getName();
        }
      } catch (IOException | RuntimeException e) {
        // fall through to the numeric id
      }
      return Integer.toString(u);
    });
  }

  private Optional<Instant> started(long ticks) {
    if (bootMillis < 0) {
      bootMillis = proc.read("stat").flatMap(s -> field("\n" + s, "btime"))
          .map(b -> Long.parseLong(b) * 1000).orElse(0L);
    }
    return bootMillis == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(bootMillis + ticks * 1000 / TICKS_PER_SECOND));
  }
}
