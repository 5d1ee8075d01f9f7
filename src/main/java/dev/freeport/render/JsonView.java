package dev.freeport.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.PortFinding;
import dev.freeport.core.model.Outcome;
import dev.freeport.core.model.PortResult;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessNode;
import dev.freeport.core.model.SocketRow;
import dev.freeport.core.model.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

/**
 * Writes results as JSON (field names documented in the README). Non-ASCII characters are
 * escaped, so the output is plain ASCII whatever another process put in its name.
 */
public final class JsonView {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();

  private final Instant now;

  public JsonView(Instant now) {
    this.now = now;
  }

  /** {@code {"listeners": [row, ...]}}. */
  public void writeList(List<SocketRow> rows, OutputStream out) {
    try (JsonGenerator g = open(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("listeners");
      for (SocketRow r : rows) {
        g.writeStartObject();
        endpointFields(g, r.endpoint());
        g.writeBooleanField("ownerVisible", r.process().isPresent());
        if (r.process().isPresent()) {
          processFields(g, r.process().get());
        } else {
          g.writeNullField("pid");
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      end(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code find}'s answer: {@code {"port": N}}, or {@code {"port": null}} when none is free. */
  public static void writeFreePort(OptionalInt port, OutputStream out) {
    try (JsonGenerator g = open(out)) {
      g.writeStartObject();
      if (port.isPresent()) {
        g.writeNumberField("port", port.getAsInt());
      } else {
        g.writeNullField("port");
      }
      g.writeEndObject();
      end(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every port: its sockets and holders, its outcome, and for a real run what was stopped and how.
   * A dry run has no {@code stopped}, {@code elapsedMs} or {@code timeWait}.
   */
  public void writeResults(List<PortResult> results, boolean dryRun, int exitCode, OutputStream out) {
    try (JsonGenerator g = open(out)) {
      g.writeStartObject();
      g.writeBooleanField("dryRun", dryRun);
      g.writeArrayFieldStart("ports");
      for (PortResult r : results) {
        g.writeStartObject();
        findingFields(g, r.finding(), r.outcome());
        if (!dryRun) {
          g.writeArrayFieldStart("stopped");
          for (PortResult.Stopped s : r.stopped()) {
            g.writeStartObject();
            g.writeNumberField("pid", s.process().pid());
            g.writeStringField("name", s.process().name());
            g.writeStringField("method", s.ending().label());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeNumberField("elapsedMs", r.elapsed().toMillis());
          g.writeNumberField("timeWait", r.timeWait());
        }
        Outcome o = r.outcome();
        if (!o.detail().isEmpty()) {
          g.writeStringField("detail", o.detail());
        }
        if (o instanceof Outcome.Respawned re) {
          g.writeStringField("restartedBy", re.what());
          g.writeStringField("instead", re.instead());
          g.writeObjectFieldStart("newHolder");
          processFields(g, re.newHolder());
          g.writeEndObject();
          if (re.supervisor().isPresent()) {
            g.writeObjectFieldStart("supervisor");
            processFields(g, re.supervisor().get());
            g.writeEndObject();
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("exitCode", exitCode);
      g.writeEndObject();
      end(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void findingFields(JsonGenerator g, PortFinding f, Outcome outcome) throws IOException {
    g.writeNumberField("port", f.port());
    g.writeStringField("outcome", outcome.label());
    g.writeBooleanField("ownerHidden", f.ownerHidden());
    g.writeArrayFieldStart("sockets");
    for (ListeningSocket s : f.sockets()) {
      g.writeStartObject();
      endpointFields(g, s.endpoint());
      g.writeStringField("kind", s.kind().label());
      if (s.kind() == ListeningSocket.Kind.CONNECTION) {
        g.writeBooleanField("connection", true); // kept from 0.9 for scripts that read it
      }
      g.writeArrayFieldStart("pids");
      for (long pid : s.holders()) {
        g.writeNumber(pid);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    if (f.unbindable().isPresent()) {
      g.writeObjectFieldStart("unbindable");
      g.writeStringField("why", f.unbindable().get().why());
      g.writeStringField("instead", f.unbindable().get().instead());
      g.writeEndObject();
    }
    g.writeArrayFieldStart("processes");
    for (ProcessNode n : f.holders()) {
      node(g, n);
    }
    g.writeEndArray();
  }

  private void node(JsonGenerator g, ProcessNode n) throws IOException {
    g.writeStartObject();
    processFields(g, n.info());
    g.writeBooleanField("stoppable", n.verdict().allowed());
    if (n.verdict() instanceof Verdict.Refused r) {
      g.writeStringField("refusedBecause", r.reason());
    } else if (n.verdict() instanceof Verdict.Skipped s) {
      g.writeStringField("skippedBecause", s.reason());
    }
    if (n.advice().isPresent()) {
      g.writeObjectFieldStart("advice");
      g.writeStringField("why", n.advice().get().why());
      g.writeStringField("instead", n.advice().get().instead());
      g.writeEndObject();
    }
    g.writeArrayFieldStart("children");
    for (ProcessNode c : n.children()) {
      node(g, c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void endpointFields(JsonGenerator g, Endpoint e) throws IOException {
    g.writeStringField("protocol", e.protocol().label());
    g.writeNumberField("ipVersion", e.ipVersion());
    g.writeStringField("address", e.address());
    g.writeNumberField("port", e.port());
  }

  private void processFields(JsonGenerator g, ProcessInfo p) throws IOException {
    g.writeNumberField("pid", p.pid());
    g.writeNumberField("parentPid", p.parentPid());
    g.writeStringField("name", p.name());
    g.writeStringField("command", p.command());
    g.writeStringField("user", p.user().orElse(null));
    g.writeStringField("startTime", p.started().isPresent() ? iso(p.started().get()) : null);
    if (p.started().isPresent()) {
      g.writeNumberField("uptimeSeconds", Math.max(0, Duration.between(p.started().get(), now).getSeconds()));
    } else {
      g.writeNullField("uptimeSeconds");
    }
    if (p.memoryBytes().isPresent()) {
      g.writeNumberField("memoryBytes", p.memoryBytes().getAsLong());
    } else {
      g.writeNullField("memoryBytes");
    }
  }

  /** A pretty-printing generator on {@code out} that leaves {@code out} open when closed. */
  private static JsonGenerator open(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  /** Ends the document with a newline and flushes it all. */
  private static void end(JsonGenerator g, OutputStream out) throws IOException {
    g.flush();
    out.write('\n');
    out.flush();
  }

  /**
   * The same text as {@link Instant#toString()} (ISO-8601 in UTC), built from LocalDateTime's
   * hand-written form: Instant's goes through DateTimeFormatter, whose first use links lambdas.
   */
  static String iso(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
    return d + (d.getSecond() == 0 && d.getNano() == 0 ? ":00Z" : "Z");
  }
}
