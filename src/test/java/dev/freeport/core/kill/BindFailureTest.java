package dev.freeport.core.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.Protocol;
import org.junit.jupiter.api.Test;

class BindFailureTest {
  @Test
  void saysWhatWasFound() {
    Endpoint e = new Endpoint(Protocol.TCP, "::", 8080);
    assertEquals("nothing visible listens on it, yet binding [::]:8080 fails; 3 connection(s) in TIME_WAIT hold it"
        + " for a server that binds without SO_REUSEADDR", PortFreer.bindFailure(e, 3));
    assertEquals("nothing visible listens on it, yet binding [::]:8080 fails; no listener and no TIME_WAIT in this"
        + " network namespace: a process in another namespace, a container runtime or the kernel may hold it",
        PortFreer.bindFailure(e, 0));
  }
}
