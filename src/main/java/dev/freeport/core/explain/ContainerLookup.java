package dev.freeport.core.explain;

import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.text.CommandWords;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Names the container that publishes a port, by asking the docker and podman CLIs (when on PATH)
 * for every running container and its published ports. They are asked at most once per run, at
 * the same time, within its bound in all; a CLI that does not answer in time is given up
 * on and its processes are killed.
 */
public class ContainerLookup {
  private static final List<String> CLIS = List.of("docker", "podman");

  /** The container publishing the port and the CLI that knows it, e.g. ("web", "docker"). */
  public record Container(String name, String cli) {}

  private final CommandRunner runner;
  private final Duration bound;
  private Map<Integer, Container> published;

  /** @param bound how long the lookup may take in all (the CLIs are asked at the same time) */
  public ContainerLookup(CommandRunner runner, Duration bound) {
    this.runner = runner;
    this.bound = bound;
  }

  public synchronized Optional<Container> publishing(int port) {
    if (published == null) {
      published = lookUp();
    }
    return Optional.ofNullable(published.get(port));
  }

  private Map<Integer, Container> lookUp() {
    Map<String, CompletableFuture<Optional<String>>> asked = new HashMap<>();
    for (String cli : CLIS) {
      CompletableFuture<Optional<String>> f = new CompletableFuture<>();
      Thread t = new Thread(() -> f.complete(runner.run(
          List.of(cli, "ps", "--format", "{{.Names}}\t{{.Ports}}"), bound)), "freeport-" + cli);
      t.setDaemon(true);
      t.start();
      asked.put(cli, f);
    }
    long deadline = System.nanoTime() + bound.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
    Map<Integer, Container> out = new HashMap<>();
    for (String cli : CLIS) { // docker first: its answer wins for a port both name
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        asked.get(cli).get(left, TimeUnit.NANOSECONDS).ifPresent(text ->
            parse(text).forEach((port, name) -> out.putIfAbsent(port, new Container(name, cli))));
      } catch (TimeoutException | ExecutionException e) {
        // no answer in time: this CLI names nothing
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }

  /**
   * Host ports published by each container, from lines of {@code NAME<TAB>PORTS} where PORTS is
   * as docker and podman print it: {@code 0.0.0.0:8080->80/tcp, :::8080->80/tcp,
   * 127.0.0.1:5000-5001->5000-5001/tcp}.
   */
  static Map<Integer, String> parse(String text) {
    Map<Integer, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        continue;
      }
      String name = line.substring(0, tab).strip();
      if (!CommandWords.shellWord(name)) { // only a name that can go into docker stop NAME
        continue;
      }
      for (String mapping : line.substring(tab + 1).split(",")) {
        int arrow = mapping.indexOf("->");
        if (arrow < 0) {
          continue;
        }
        String host = mapping.substring(0, arrow).strip();
        String ports = host.substring(host.lastIndexOf(':') + 1);
        try {
          int dash = ports.indexOf('-');
          int from = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
          int to = dash < 0 ? from : Integer.parseInt(ports.substring(dash + 1));
          for (int p = from; p <= to && p <= 65535 && to - from < 65536; p++) {
            out.putIfAbsent(p, name);
          }
        } catch (NumberFormatException e) {
          // not a port mapping this parser knows
        }
      }
    }
    return out;
  }
}
