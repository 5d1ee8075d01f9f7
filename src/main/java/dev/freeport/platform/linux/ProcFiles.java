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
  private final Path root;

  ProcFiles(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Optional<String> read(String... parts) {
    return bytes(parts).map(b -> new String(b, StandardCharsets.UTF_8));
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

  Optional<ProcStat> stat(long pid) {
    try {
      return read(Long.toString(pid), "stat").map(ProcStat::parse);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}
