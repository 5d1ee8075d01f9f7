package dev.freeport.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.safety.Verdict;
import dev.freeport.testing.Proc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  /** A container CLI that knows one container publishing port 8080. */
  static final ContainerLookup CONTAINERS = new ContainerLookup() {
    @Override
    public Optional<Container> publishing(int port) {
      return port == 8080 ? Optional.of(new Container("web", "docker")) : Optional.empty();
    }
  };

  @Test
  void aDockerProxyIsRefusedAndTheContainerNamed() {
    Explainer e = new Explainer(pid -> Optional.empty(), CONTAINERS);
    ProcessInfo proxy = Proc.of(7).name("docker-proxy").command("/usr/bin/docker-proxy -proto tcp -host-port 8080").build();
    assertTrue(e.verdict(proxy).orElseThrow() instanceof Verdict.Refused);
    Advice a = e.explain(proxy, 8080).orElseThrow();
    assertEquals("docker-proxy forwards port 8080 into a container (web)", a.why());
    assertEquals("docker stop web", a.instead());
    assertEquals("stop the container that publishes port 9090 (docker ps --filter publish=9090)",
        e.explain(proxy, 9090).orElseThrow().instead(), "no CLI knows it");
  }

  @Test
  void recognisedByArgv0Too() {
    assertTrue(Explainer.isForwarder(Proc.of(7).name("exe").command("/usr/bin/rootlesskit --net=slirp4netns").build()));
    assertTrue(!Explainer.isForwarder(Proc.of(7).name("node").command("node server.js").build()));
  }

  @Test
  void aSystemdServiceIsExplainedButStillStoppable() {
    Explainer e = new Explainer(pid -> Optional.of("0::/system.slice/myapp.service\n"), CONTAINERS);
    ProcessInfo app = Proc.of(7).name("java").command("java -jar app.jar").build();
    assertEquals(Optional.empty(), e.verdict(app));
    Advice a = e.explain(app, 8080).orElseThrow();
    assertEquals("it runs as the systemd service myapp.service, which may restart it", a.why());
    assertEquals("systemctl stop myapp.service", a.instead());
  }

  @Test
  void anOrdinaryProcessHasNoAdvice() {
    assertEquals(Optional.empty(), new Explainer(pid -> Optional.of("0::/\n"), CONTAINERS).explain(Proc.of(7).name("node").command("node s.js").build(), 8080));
  }
}
