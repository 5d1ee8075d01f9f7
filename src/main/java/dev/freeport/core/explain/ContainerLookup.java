package dev.freeport.core.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Names the container that publishes a port, by asking the docker or podman CLI when one is on
 * PATH ({@code ps --filter publish=PORT}). No shell is involved; a CLI that does not answer within
 * two seconds is given up on.
 */
public class ContainerLookup {
  private static final long TIMEOUT_SECONDS = 2;

  /** The container publishing the port and the CLI that knows it, e.g. ("web", "docker"). */
  public record Container(String name, String cli) {}

  public Optional<Container> publishing(int port) {
    for (String cli : List.of("docker", "podman")) {
      Optional<Path> exe = onPath(cli);
      if (exe.isPresent()) {
        Optional<String> name = ask(exe.get(), port);
        if (name.isPresent()) {
          return Optional.of(new Container(name.get(), cli));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ask(Path exe, int port) {
    try {
      Process p = new ProcessBuilder(exe.toString(), "ps", "--filter", "publish=" + port, "--format", "{{.Names}}")
          .redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out.lines().findFirst().orElse(out)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
