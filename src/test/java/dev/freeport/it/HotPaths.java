package dev.freeport.it;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs that must start fast, named in one place: the start-up rule is written here and
 * enforced by {@link StartupIT}, not by comments in the code.
 *
 * <p>The rule: on these runs, freeport's own code links no {@code invokedynamic} call site (a
 * lambda, a method reference, a record's generated {@code equals}/{@code hashCode}/{@code
 * toString}, a string concatenation compiled without {@code -XDstringConcat=inline}), and the run
 * loads none of the classes in {@link #NOT_LOADED}. Each call site costs a method-handle linkage
 * at every start (about 0.13 ms, even from the class archive). A stream without a lambda links
 * nothing of freeport's and is allowed; with one, the lambda fails the test. Lambdas inside the
 * JDK's own code are not counted (the JDK links some on any stop, sockets and process handles
 * alike), so a JDK method that copies through a lambda (such as {@code new ArrayDeque<>(collection)})
 * is for review to catch. Code off these runs is ordinary Java.
 *
 * <p>A new command line that hooks and scripts run often (a new option on the stop path, say)
 * belongs in {@link #ALL}.
 */
final class HotPaths {
  private HotPaths() {}

  /** What holds the port a run is about; every run has one, so {@code list} has a row to describe. */
  enum Holder {
    /** A listener whose parent has exited: a stale dev server, the usual case before a start. */
    ORPHAN_LISTENER,
    /** A listener below a live shell, which freeport judges and watches for a restart. */
    LISTENER_WITH_PARENT
  }

  /**
   * One command line, run as {@code freeport ARGS} with {@code PORT} replaced by the holder's port.
   *
   * @param exitCode what the run exits with, so a run that took another path fails the test
   * @param stops whether the run stops the holder
   */
  record HotPath(String name, Holder holder, List<String> args, int exitCode, boolean stops) {
    List<String> argsFor(int port) {
      List<String> out = new ArrayList<>();
      for (String a : args) {
        out.add(a.equals("PORT") ? Integer.toString(port) : a);
      }
      return out;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Classes no hot path loads (by the start of their names) unless a plain JVM start does, and why. */
  record Unwanted(String prefix, String cost) {}

  static final List<Unwanted> NOT_LOADED = List.of(
      new Unwanted("java.util.regex.", "the JDK's regex engine: String.matches, replaceAll, split on more than one"
          + " character, Pattern; match by hand"),
      new Unwanted("java.util.Formatter", "String.format and printf: the locale machinery, several milliseconds;"
          + " build the text by hand (render/Formats)"),
      new Unwanted("com.sun.jna.Native", "JNA's native library: tens of milliseconds and a fork of ldconfig; the"
          + " JDK sends SIGTERM and SIGKILL without it"));

  static final List<HotPath> ALL = List.of(
      new HotPath("dry run of a held port", Holder.ORPHAN_LISTENER, List.of("PORT", "--dry-run"), 1, false),
      new HotPath("dry run of a held port, JSON", Holder.ORPHAN_LISTENER, List.of("PORT", "--dry-run", "--json"), 1, false),
      new HotPath("stop of an orphan listener", Holder.ORPHAN_LISTENER, List.of("PORT", "--yes"), 0, true),
      new HotPath("stop of a listener with a live parent", Holder.LISTENER_WITH_PARENT, List.of("PORT", "--yes"), 0, true),
      new HotPath("list", Holder.ORPHAN_LISTENER, List.of("list"), 0, false),
      new HotPath("list --json", Holder.ORPHAN_LISTENER, List.of("list", "--json"), 0, false));
}
