package dev.freeport.core.process;

import dev.freeport.core.port.ProcessInspector;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.text.CommandWords;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from what a holder's parent is whether the parent may start the holder again once it
 * is stopped (so freeport should watch it, and {@code --parent} may stop it), or cannot (init, a
 * plain subreaper, an interactive shell whose job the holder was, freeport's own chain).
 */
public final class Supervisors {
  /** Shells: a loop in one restarts its command; an interactive one only runs jobs. */
  static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "fish", "ksh", "mksh", "ash", "tcsh",
      "csh", "busybox");
  /** Minimal inits of containers: they reap, they never restart anything. */
  static final Set<String> PLAIN_REAPERS = Set.of("tini", "dumb-init", "catatonit", "docker-init", "init");

  private Supervisors() {}

  /**
   * A parent that may restart a holder.
   *
   * @param parent the process to watch (and to stop with {@code --parent})
   * @param what what it is, for messages: "supervisord", "pm2", "a shell loop", "node"...
   * @param known true for a known supervisor (supervisord, pm2, nodemon, systemd...), false for a
   *     shell loop or another launcher that may or may not restart it
   */
  public record Parent(ProcessInfo parent, String what, boolean known) {}

  /**
   * Why {@code --parent} finds nothing to stop above a holder, or the parent that may restart it.
   *
   * @param holderJob the holder's job-control facts, when known
   * @param ownChain true when the parent is freeport itself or one of its ancestors
   * @param osSupervisor what the OS says supervises the holder (a systemd unit), if anything
   */
  public static Decision judge(ProcessInfo holder, Optional<ProcessInspector.Job> holderJob, Optional<ProcessInfo> parent,
      boolean ownChain, Optional<String> osSupervisor) {
    if (parent.isEmpty() || !parent.get().ref().canBeParentOf(holder.ref())) {
      return new Decision.None("its parent is gone"); // or its pid now names a later process
    }
    ProcessInfo p = parent.get();
    if (osSupervisor.isPresent()) {
      return new Decision.Restarter(new Parent(p, osSupervisor.get(), true));
    }
    if (p.pid() <= 1) {
      return new Decision.None("PID " + holder.pid() + " is a daemon whose parent is init: nothing above it to stop");
    }
    if (ownChain) {
      return new Decision.None("its parent, PID " + p.pid() + ", started freeport");
    }
    String name = ProcessInfo.plainName(p.name());
    if (PLAIN_REAPERS.contains(name)) {
      return new Decision.None("its parent, PID " + p.pid() + " (" + p.name() + "), only reaps processes");
    }
    Optional<String> known = known(p);
    if (known.isPresent()) {
      return new Decision.Restarter(new Parent(p, known.get(), true));
    }
    if (SHELLS.contains(name)) {
      boolean job = holderJob.isPresent() && holderJob.get().group() == holder.pid() && holderJob.get().tty() != 0;
      return job
          ? new Decision.None("its parent is the interactive shell it was started from (PID " + p.pid() + ")")
          : new Decision.Restarter(new Parent(p, "a shell loop (" + p.name() + ")", false));
    }
    return new Decision.Restarter(new Parent(p, p.name(), false));
  }

  /** The outcome of {@link #judge}. */
  public sealed interface Decision {
    /** Nothing above the holder restarts it; {@code why} says what the parent is. */
    record None(String why) implements Decision {}

    /** This parent may restart the holder. */
    record Restarter(Parent parent) implements Decision {}
  }

  /** A known supervisor, by its name or command line. */
  static Optional<String> known(ProcessInfo p) {
    String name = ProcessInfo.plainName(p.name());
    String command = p.command();
    if (name.equals("supervisord") || containsWord(command, "supervisord")) {
      return Optional.of("supervisord");
    }
    if (command.startsWith("PM2 v") || name.equals("pm2")) {
      return Optional.of("pm2");
    }
    if (containsWord(command, "nodemon")) {
      return Optional.of("nodemon");
    }
    if (containsWord(command, "forever")) {
      return Optional.of("forever");
    }
    if (name.equals("s6-supervise") || name.equals("runsv") || name.equals("supervise")) {
      return Optional.of(name);
    }
    if (name.startsWith("containerd-shim") || name.equals("conmon")) {
      return Optional.of("a container runtime (" + name + ")");
    }
    if (name.equals("systemd")) {
      return Optional.of("systemd");
    }
    return Optional.empty();
  }

  /**
   * True when {@code text} contains {@code word} (letters only) as a whole word, exactly as the
   * regular expression {@code (?s).*\bword\b.*} decides: neither the character before it nor the
   * one after continues the word. A letter, digit or underscore continues a word, and so does a
   * non-spacing mark that follows one (directly or after other such marks).
   */
  private static boolean containsWord(String text, String word) {
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      int end = i + word.length();
      boolean joinedBefore = i > 0 && continuesWordBefore(text, i);
      boolean joinedAfter = end < text.length() && continuesWordAt(text, end);
      if (!joinedBefore && !joinedAfter) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordChar(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** Whether the code point before {@code i} (which is past the start) belongs to a word. */
  private static boolean continuesWordBefore(String text, int i) {
    int c = text.codePointBefore(i);
    if (wordChar(c)) {
      return true;
    }
    if (Character.getType(c) != Character.NON_SPACING_MARK) {
      return false;
    }
    for (int x = i - 1; x >= 0; x--) { // the mark counts when a letter or digit carries it
      int at = text.codePointAt(x);
      if (Character.isLetterOrDigit(at)) {
        return true;
      }
      if (Character.getType(at) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    return false;
  }

  /** Whether the code point at {@code i}, right after a word's last letter, continues it. */
  private static boolean continuesWordAt(String text, int i) {
    int c = text.codePointAt(i);
    return wordChar(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  /**
   * The command that stops the program for good under this supervisor, from what it told the
   * holder through its environment; empty when it is not known.
   */
  public static Optional<String> stopCommand(String what, ProcessInspector processes, long holderPid) {
    if (what.equals("supervisord")) {
      Optional<String> program = plain(processes.environment(holderPid, "SUPERVISOR_PROCESS_NAME"));
      Optional<String> group = plain(processes.environment(holderPid, "SUPERVISOR_GROUP_NAME"));
      if (program.isEmpty()) {
        return Optional.empty();
      }
      String n = program.get();
      String prefix = group.isPresent() && !group.get().equals(n) ? group.get() + ":" : "";
      return Optional.of("supervisorctl stop " + prefix + n);
    }
    if (what.equals("pm2")) {
      Optional<String> name = plain(processes.environment(holderPid, "name"));
      if (name.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of("pm2 stop " + name.get() + " (or pm2 delete " + name.get() + ")");
    }
    return Optional.empty();
  }

  /** The value when it is a shell word, else empty: only those go into a suggested command. */
  private static Optional<String> plain(Optional<String> value) {
    return value.isPresent() && CommandWords.shellWord(value.get()) ? value : Optional.empty();
  }
}
