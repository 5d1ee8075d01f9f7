package dev.freeport.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads files under a /proc root, treating a vanished or unreadable file as absent. */
final class ProcFiles {
  private static final String SOCKET_PREFIX = "socket:[";
  private final Path root;

  ProcFiles(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Optional<String> read(String... parts) {
    Optional<byte[]> raw = bytes(parts);
    return raw.isPresent() ? Optional.of(new String(raw.get(), StandardCharsets.UTF_8)) : Optional.empty();
  }

  Optional<byte[]> bytes(String... parts) {
    try {
      return Optional.of(Files.readAllBytes(Path.of(root.toString(), parts)));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  Optional<String> link(String... parts) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of(root.toString(), parts)).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The numeric entries of the root: the pids of every process. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return pids;
  }

  /** The inode of the socket a descriptor link ("socket:[12345]") names; -1 for anything else. */
  static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith(SOCKET_PREFIX) && target.endsWith("]")) {
        return Long.parseLong(target, SOCKET_PREFIX.length(), target.length() - 1, 10);
      }
    } catch (IOException | NumberFormatException | UnsupportedOperationException | SecurityException e) {
      // closed meanwhile, or not a socket
    }
    return -1;
  }

  Optional<ProcStat> stat(long pid) {
    try {
      Optional<String> stat = read(Long.toString(pid), "stat");
      return stat.isPresent() ? Optional.of(ProcStat.parse(stat.get())) : Optional.empty();
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /**
   * The same as {@code s.split("\\s+")}: the pieces
   * between runs of ASCII whitespace (space, tab, newline, vertical tab, form feed, carriage
   * return), with an empty first piece when {@code s} starts with whitespace, and no trailing empty
   * pieces ({@code s} itself, even empty, when it has no whitespace at all).
   */
  static String[] words(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean split = false;
    int i = 0;
    while (i < s.length()) {
      if (!blank(s.charAt(i))) {
        i++;
        continue;
      }
      out.add(s.substring(start, i));
      while (i < s.length() && blank(s.charAt(i))) {
        i++;
      }
      start = i;
      split = true;
    }
    if (!split) {
      return new String[] {s};
    }
    out.add(s.substring(start));
    int n = out.size();
    while (n > 0 && out.get(n - 1).isEmpty()) {
      n--;
    }
    return out.subList(0, n).toArray(new String[0]);
  }

  /** The characters of the regular expression class {@code \s}. */
  static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
