package dev.freeport.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.platform.Platforms;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs freeport in this JVM, as the real main does, with captured streams. */
public final class CliRun {
  private CliRun() {}

  /** What a run printed and returned. */
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
        new PrintStream(err, true, StandardCharsets.UTF_8), in, Map.of(), false, false, false, Platforms::current);
    long start = System.nanoTime();
    int code = Cli.run(ctx, args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
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
}
