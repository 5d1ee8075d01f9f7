package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.platform.Platforms;
import java.io.ByteArrayInputStream;
import dev.freeport.fixtures.Java;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one way tests run freeport: in this JVM as the real main does, with captured streams
 * ({@link #run}), or the packaged jar as a separate process the way users and hooks run it
 * ({@link #jar}). Both give a {@link Result}.
 */
public final class CliRun {
  private CliRun() {}

  /** What a run printed and returned, and how long it took. */
  public record Result(int code, String out, String err, long millis) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** @param stdin what the user types; null for a closed stdin */
  public static Result run(String stdin, String... args) {
    return runWithInput(stdin == null ? InputStream.nullInputStream()
        : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  /** Runs with this stdin, which may deliver the answer later. */
  public static Result runWithInput(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), in, Map.of(), false, false, false,
        () -> new dev.freeport.core.Freeport(Platforms.current()));
    long start = System.nanoTime();
    int code = Cli.run(ctx, args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
  }

  /** The packaged jar: {@code -Dfreeport.jar}, else target/freeport.jar. */
  public static Path jarPath() {
    return Path.of(System.getProperty("freeport.jar", "target/freeport.jar"));
  }

  private static Path readableJar;

  /**
   * Runs a copy of the jar that any user can read (a CI clone may sit in a 0700 folder) after
   * {@code prefix}, e.g. setpriv to another user.
   */
  public static synchronized Result jarAsAnyUser(List<String> prefix, String... args)
      throws IOException, InterruptedException {
    if (readableJar == null) {
      Path dir = java.nio.file.Files.createTempDirectory("freeport-jar", java.nio.file.attribute.PosixFilePermissions
          .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
      readableJar = java.nio.file.Files.copy(jarPath(), dir.resolve("freeport.jar"));
      java.nio.file.Files.setPosixFilePermissions(readableJar,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      readableJar.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
    }
    return jar(readableJar, prefix, ProcessBuilder.Redirect.PIPE, args);
  }

  /** Runs the packaged jar with stdin from /dev/null. */
  public static Result jar(String... args) throws IOException, InterruptedException {
    return jar(List.of(), args);
  }

  /** Runs the packaged jar after {@code prefix} (e.g. {@code env PATH=...} or setpriv). */
  public static Result jar(List<String> prefix, String... args) throws IOException, InterruptedException {
    return jar(jarPath(), prefix, ProcessBuilder.Redirect.PIPE, args);
  }

  /**
   * Runs {@code jar} after {@code prefix}, stdin from /dev/null, stdout to {@code stdout} (its text
   * is in the result only for {@code Redirect.PIPE}); fails the test if it runs over a minute.
   */
  public static Result jar(Path jar, List<String> prefix, ProcessBuilder.Redirect stdout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Java.executable(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(stdout).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
    String out = text(p.getInputStream());
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "freeport hung: " + cmd);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(p.exitValue(), out, err.join(), millis);
  }

  private static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every value of a numeric field anywhere in a JSON document, in order; fails on invalid JSON. */
  public static List<Long> numbers(String json, String field) {
    List<Long> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals(field)) {
          if (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            out.add(p.getLongValue());
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("invalid JSON: " + e.getMessage() + "\n" + json, e);
    }
    return out;
  }

  /** Every value of a string field anywhere in a JSON document, in order. */
  public static List<String> strings(String json, String field) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals(field) && p.nextToken() == JsonToken.VALUE_STRING) {
          out.add(p.getText());
        }
      }
    } catch (IOException e) {
      throw new AssertionError("invalid JSON: " + e.getMessage() + "\n" + json, e);
    }
    return out;
  }

  /**
   * The objects of the array {@code arrayField} (the first one anywhere in the document), each as
   * its scalar fields at any depth, by name; a JSON null is a null value.
   */
  public static List<Map<String, String>> objects(String json, String arrayField) {
    List<Map<String, String>> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals(arrayField) && p.nextToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> fields = new HashMap<>();
            for (int depth = 1; depth > 0; ) {
              JsonToken f = p.nextToken();
              if (f.isStructStart()) {
                depth++;
              } else if (f.isStructEnd()) {
                depth--;
              } else if (f.isScalarValue()) {
                fields.put(p.currentName(), f == JsonToken.VALUE_NULL ? null : p.getText());
              }
            }
            out.add(fields);
          }
          return out;
        }
      }
    } catch (IOException e) {
      throw new AssertionError("invalid JSON: " + e.getMessage() + "\n" + json, e);
    }
    throw new AssertionError("no array '" + arrayField + "' in\n" + json);
  }
}
