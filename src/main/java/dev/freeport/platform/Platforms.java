package dev.freeport.platform;

import dev.freeport.core.port.Host;
import dev.freeport.platform.linux.LinuxHost;
import dev.freeport.platform.mac.MacHost;
import dev.freeport.platform.windows.WindowsHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The single switch on the operating system. */
public final class Platforms {
  private Platforms() {}

  /** The host freeport runs on; OSHI and JNA are loaded only where the platform needs them. */
  public static Host current() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      return new LinuxHost(Path.of("/proc"));
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return new MacHost(new oshi.SystemInfo().getOperatingSystem());
    }
    if (os.contains("windows")) {
      return new WindowsHost(new oshi.SystemInfo().getOperatingSystem(), new dev.freeport.core.exec.ProcessCommandRunner());
    }
    throw new UnsupportedOperationException("freeport does not support " + System.getProperty("os.name") + " yet");
  }

  /** True when the given standard stream (0, 1 or 2) is a terminal. */
  public static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (Files.isSymbolicLink(link)) {
      try {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      } catch (java.io.IOException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
