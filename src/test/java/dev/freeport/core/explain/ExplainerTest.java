package dev.freeport.core.explain;

import dev.freeport.core.engine.Deadlines;

import dev.freeport.core.port.HostAdvisor;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.testing.Proc;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  static ProcessInfo proc(String name, String command) {
    return Proc.of(7).name(name).command(command).build();
  }

  static final String DOCKER_PS = "web\t0.0.0.0:8080->80/tcp, :::8080->80/tcp\n"
      + "db\t127.0.0.1:5432->5432/tcp\n"
      + "dns\t0.0.0.0:5353->53/udp, 0.0.0.0:7000-7002->7000-7002/tcp\n"
      + "idle\t\n";

  final AtomicInteger asked = new AtomicInteger();
  final CommandRunner docker = (argv, timeout) -> {
    asked.incrementAndGet();
    return argv.get(0).equals("docker") ? Optional.of(DOCKER_PS) : Optional.empty();
  };

  static final HostAdvisor ADVISES_NOTHING = new HostAdvisor() {
    public Set<String> criticalProcessNames() {
      return Set.of();
    }

    public String privilegeHint() {
      return "";
    }
  };

  Explainer explainer(CommandRunner runner) {
    return new Explainer(new ContainerLookup(runner, Deadlines.COMMAND), ADVISES_NOTHING);
  }

  @Test
  void aDockerProxyIsRefusedAndTheContainerNamedAskingTheClisOnce() {
    Explainer e = explainer(docker);
    ProcessInfo proxy = proc("docker-proxy", "/usr/bin/docker-proxy -proto tcp -host-port 8080");
    assertTrue(e.refusal(proxy).isPresent());
    Advice a = e.explain(proxy, 8080).orElseThrow();
    assertEquals("docker-proxy forwards port 8080 into a container (web)", a.why());
    assertEquals("docker stop web", a.instead());
    assertEquals("stop the container that publishes port 9090 (docker ps --filter publish=9090)",
        e.explain(proxy, 9090).orElseThrow().instead(), "no CLI knows it");
    assertEquals("docker stop dns", e.explain(proxy, 7001).orElseThrow().instead(), "a published range");
    assertEquals(2, asked.get(), "docker and podman, once each, for three ports");
  }

  @Test
  void publishedPortsAreParsedFromBothClisFormats() {
    assertEquals(Map.of(8080, "web", 5432, "db", 5353, "dns", 7000, "dns", 7001, "dns", 7002, "dns"),
        ContainerLookup.parse(DOCKER_PS));
    assertEquals(Map.of(), ContainerLookup.parse("garbage\nweb\t0.0.0.0:x->80/tcp\nx & calc\t0.0.0.0:81->80/tcp\n"));
  }

  @Test
  void aHangingCliIsGivenUpOnWithinItsBound() {
    CommandRunner hangs = (argv, timeout) -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    };
    Explainer e = explainer(hangs);
    ProcessInfo proxy = proc("docker-proxy", "docker-proxy");
    Advice a = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> e.explain(proxy, 8080).orElseThrow());
    assertTrue(a.instead().startsWith("stop the container"), a.instead());
  }

  @Test
  void dockerDesktopOnWindowsIsAForwarderWithOrWithoutExe() {
    assertTrue(Explainer.isForwarder(proc("com.docker.backend.exe", "")));
    assertTrue(Explainer.isForwarder(proc("x", "\"C:\\Program Files\\Docker\\vpnkit.exe\" --port 80")));
  }

  @Test
  void recognisedByArgv0Too() {
    assertTrue(Explainer.isForwarder(proc("exe", "/usr/bin/rootlesskit --net=slirp4netns")));
    assertTrue(!Explainer.isForwarder(proc("node", "node server.js")));
  }

  @Test
  void theHostsOwnAdviceAndRefusalsAreUsedForOtherHolders() {
    Explainer e = new Explainer(new ContainerLookup(CommandRunner.NONE, Deadlines.COMMAND), new HostAdvisor() {
      public Set<String> criticalProcessNames() {
        return Set.of();
      }

      public String privilegeHint() {
        return "";
      }

      public Optional<Advice> advice(ProcessInfo p, int port) {
        return Optional.of(new Advice("launchd job", "launchctl bootout"));
      }

      public Optional<String> refusal(ProcessInfo p) {
        return Optional.of("AirPlay");
      }
    });
    ProcessInfo cc = proc("ControlCenter", "");
    assertEquals(Optional.of("AirPlay"), e.refusal(cc));
    assertEquals("launchd job", e.explain(cc, 5000).orElseThrow().why());
  }
}
