package dev.freeport.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code docker ps} and {@code podman ps}: published ports, and only names fit for a command. */
class ContainerLookupTest {

  @Test
  void publishedPortsAreReadFromEachMapping() {
    Map<Integer, String> ports = ContainerLookup.parse(
        "web\t0.0.0.0:8080->80/tcp, :::8080->80/tcp\n"
            + "db\t127.0.0.1:5000-5001->5000-5001/tcp\n"
            + "worker\t\n");
    assertEquals(Map.of(8080, "web", 5000, "db", 5001, "db"), ports);
  }

  @Test
  void aNameThatCannotGoIntoDockerStopIsDropped() {
    Map<Integer, String> ports = ContainerLookup.parse(
        "$(reboot)\t0.0.0.0:9001->80/tcp\n"
            + "-rm\t0.0.0.0:9002->80/tcp\n"
            + "a b\t0.0.0.0:9003->80/tcp\n"
            + "\u001b[2Jx\t0.0.0.0:9004->80/tcp\n"
            + "ok.1_a-b\t0.0.0.0:9005->80/tcp\n");
    assertEquals(Map.of(9005, "ok.1_a-b"), ports);
  }
}
