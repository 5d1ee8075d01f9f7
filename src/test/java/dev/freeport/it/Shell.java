package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.it.CliRun.Result;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs installed artifacts as separate processes, with a chosen environment, and cleans up. */
final class Shell {
  private Shell() {}

  /**
   * Runs {@code command} in {@code cwd} with stdin closed; {@code env} replaces the whole
   * environment when {@code clean}, else is added to this one. Fails the test if it runs for
   * more than {@code seconds}.
   */
  static Result run(Path cwd, Map<String, String> env, boolean clean, long seconds, List<String> command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      if (clean) {
        pb.environment().clear();
      }
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      byte[] out = p.getInputStream().readAllBytes();
      boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!ended) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      assertTrue(ended, "still running after " + seconds + " s: " + command);
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err.get(), StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Result run(Path cwd, Map<String, String> env, String... command) {
    return run(cwd, env, false, 300, List.of(command));
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new folder every user can enter and read (the default temp folder is 0700). */
  static Path openFolder(String prefix) throws IOException {
    return Files.createTempDirectory(prefix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** Deletes a tree, making read-only folders writable first. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
          p.toFile().setWritable(true, true);
        }
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The mode of a file as rwxr-xr-x. */
  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  /** The built artifact target/NAME, which must exist. */
  static Path artifact(String name) {
    Path p = Path.of("target", name).toAbsolutePath();
    assertTrue(Files.isRegularFile(p), "not built: " + p);
    return p;
  }

  static String version() {
    return System.getProperty("freeport.version", "unknown");
  }
}
