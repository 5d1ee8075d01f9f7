package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static String of(String nulSeparated) {
    return LinuxProcessInspector.commandLine(nulSeparated.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void argumentsAreJoinedAndQuotedWhereNeeded() {
    assertEquals("node server.js --port 8080", of("node\0server.js\0--port\0008080\0"));
    assertEquals("node -e 'setInterval(() => {}, 1000)'", of("node\0-e\0setInterval(() => {}, 1000)\0"));
    assertEquals("sh -c 'echo '\\''hi'\\''' '' x", of("sh\0-c\0echo 'hi'\0\0x\0"));
    // setproctitle pads with NULs, so trailing empty arguments are not shown
    assertEquals("nginx: master process", of("nginx: master process\0\0\0\0"));
  }

  @Test
  void emptyForKernelThreadsAndInvalidUtf8IsReplaced() {
    assertEquals("", LinuxProcessInspector.commandLine(new byte[0]));
    assertEquals("a\uFFFDb", LinuxProcessInspector.commandLine(new byte[] {'a', (byte) 0xff, 'b', 0}));
  }
}
