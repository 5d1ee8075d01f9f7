package dev.freeport.platform.linux;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.port.ProcessInspector;
import dev.freeport.core.model.ProcessTable;
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
      Optional<ProcStat> s = live(pid);
      if (s.isPresent()) {
        rows.add(new ProcessTable.Row(new ProcessRef(pid, s.get().startTicks()), s.get().parentPid()));
      }
    }
    return new ProcessTable(rows);
  }

  @Override
  public Optional<ProcessRef> identify(long pid) {
    Optional<ProcStat> s = live(pid);
    return s.isPresent() ? Optional.of(new ProcessRef(pid, s.get().startTicks())) : Optional.empty();
  }

  /**
   * The stat of a running process: not a zombie, or a zombie thread-group leader whose other
   * threads still run (its main thread exited; the process and its sockets live on).
   */
  private Optional<ProcStat> live(long pid) {
    Optional<ProcStat> s = proc.stat(pid);
    return s.isEmpty() || !s.get().zombie() || liveThreads(pid) ? s : Optional.empty();
  }

  private boolean liveThreads(long pid) {
    String[] tasks = proc.root().resolve(Long.toString(pid)).resolve("task").toFile().list();
    if (tasks == null) {
      return false;
    }
    for (String tid : tasks) {
      if (!tid.equals(Long.toString(pid)) && runs(proc.stat(Long.parseLong(tid)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean runs(Optional<ProcStat> thread) {
    return thread.isPresent() && !thread.get().zombie();
  }

  /**
   * False only when this exact process is running or sleeping (state R, S, D or I; for a process
   * whose main thread exited, when none of its threads is stopped), so SIGCONT would change
   * nothing; true when it is stopped, traced, or its state cannot be read.
   */
  @Override
  public boolean mayBeStopped(ProcessRef p) {
    Optional<ProcStat> s = proc.stat(p.pid());
    if (s.isEmpty() || s.get().startTicks() != p.startTime()) {
      return true;
    }
    char state = s.get().state();
    if (s.get().zombie()) {
      return anyThreadStopped(p.pid()); // its main thread exited: the others tell
    }
    return state != 'R' && state != 'S' && state != 'D' && state != 'I';
  }

  /** True when a thread of the process is stopped or traced, or its threads cannot be listed. */
  private boolean anyThreadStopped(long pid) {
    String[] tasks = proc.root().resolve(Long.toString(pid)).resolve("task").toFile().list();
    if (tasks == null) {
      return true;
    }
    for (String tid : tasks) {
      Optional<ProcStat> t = proc.stat(Long.parseLong(tid));
      if (t.isPresent() && (t.get().state() == 'T' || t.get().state() == 't')) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<Job> job(long pid) {
    Optional<ProcStat> s = live(pid);
    return s.isPresent() ? Optional.of(new Job(s.get().group(), s.get().session(), s.get().tty())) : Optional.empty();
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
            Optional<ProcessRef> ref = identify(Long.parseLong(child));
            if (ref.isPresent()) {
              out.add(ref.get());
            }
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
    Optional<byte[]> cmdline = proc.bytes(Long.toString(pid), "cmdline");
    String command = cmdline.isPresent() ? commandLine(cmdline.get()) : "";
    return Optional.of(new ProcessInfo(
        new ProcessRef(pid, s.startTicks()),
        s.parentPid(),
        name(pid, s, command),
        command,
        realUser(pid, status),
        started(s.startTicks()),
        memory(status),
        s.kernelThread()));
  }

  /** The name of the real uid ("Uid:\treal\teffective\tsaved\tfs"); empty without that line. */
  private Optional<String> realUser(long pid, String status) {
    Optional<String> uids = field(status, "Uid:");
    return uids.isPresent()
        ? Optional.of(user(pid, Integer.parseInt(ProcFiles.words(uids.get())[1])))
        : Optional.empty();
  }

  /** The resident set in bytes ("VmRSS:\t  1234 kB"); empty without that line (a kernel thread). */
  private static OptionalLong memory(String status) {
    Optional<String> rss = field(status, "VmRSS:");
    return rss.isPresent()
        ? OptionalLong.of(Long.parseLong(ProcFiles.words(rss.get())[0]) * 1024)
        : OptionalLong.empty();
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
        boolean quote = several && (arg.isEmpty() || needsQuotes(arg));
        b.append(quote ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        start = i + 1;
      }
    }
    return b.toString();
  }

  /**
   * Whether the argument holds a blank ({@code \s}) or a quote: the answer of
   * {@code arg.matches(".*[\\s'\"].*")}. Like the pattern, whose
   * {@code .} matches no line terminator (\n, \r, U+0085, U+2028, U+2029), it is false for an
   * argument with two or more terminators, or with one that is not itself a blank.
   */
  static boolean needsQuotes(String arg) {
    int terminators = 0;
    char terminator = 0;
    boolean special = false;
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        terminators++;
        terminator = c;
      } else if (ProcFiles.blank(c) || c == '\'' || c == '"') {
        special = true;
      }
    }
    if (terminators == 0) {
      return special;
    }
    return terminators == 1 && (terminator == '\n' || terminator == '\r');
  }

  /** The executable's file name; the kernel's 15-character name can be a thread's name. */
  private String name(long pid, ProcStat s, String command) {
    Optional<String> exe = proc.link(Long.toString(pid), "exe");
    if (exe.isEmpty()) {
      return s.comm();
    }
    String path = exe.get();
    if (path.endsWith(" (deleted)")) {
      path = path.substring(0, path.length() - 10);
    }
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.isEmpty() ? s.comm() : file;
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
    String known = userNames.get(uid);
    if (known != null) {
      return known;
    }
    String name = userName(pid, uid);
    String raced = userNames.putIfAbsent(uid, name);
    return raced != null ? raced : name;
  }

  private String userName(long pid, int uid) {
    Path dir = proc.root().resolve(Long.toString(pid));
    try {
      if (((Integer) Files.getAttribute(dir, "unix:uid")).intValue() == uid) {
        return Files.readAttributes(dir, PosixFileAttributes.class).owner().getName();
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the numeric id
    }
    return Integer.toString(uid);
  }

  private Optional<Instant> started(long ticks) {
    if (bootMillis < 0) {
      bootMillis = readBootMillis();
    }
    return bootMillis == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(bootMillis + ticks * 1000 / TICKS_PER_SECOND));
  }

  /** The boot time from the btime line of /proc/stat; 0 when unknown. */
  private long readBootMillis() {
    Optional<String> stat = proc.read("stat");
    if (stat.isEmpty()) {
      return 0;
    }
    Optional<String> btime = field("\n" + stat.get(), "btime");
    return btime.isPresent() ? Long.parseLong(btime.get()) * 1000 : 0;
  }
}
