package dev.freeport.platform;

import dev.freeport.core.port.Host;
import dev.freeport.core.port.UnusableHostException;
import dev.freeport.platform.linux.LinuxHost;
import dev.freeport.platform.linux.ProcNamespace;
import dev.freeport.platform.mac.MacHost;
import dev.freeport.platform.windows.WindowsHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The single switch on the operating system. */
public final class Platforms {
  private Platforms() {}

  /**
   * The host freeport runs on; OSHI and JNA are loaded only where the platform needs them.
   *
   * @throws UnusableHostException on an OS freeport does not support, or on Linux when /proc is
   *     not the one of freeport's PID namespace ({@link ProcNamespace})
   */
  public static Host current() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      Path proc = Path.of("/proc");
      ProcNamespace.check(proc);
      return new LinuxHost(proc);
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return new MacHost(new oshi.SystemInfo().getOperatingSystem());
    }
    if (os.contains("windows")) {
      return new WindowsHost(new oshi.SystemInfo().getOperatingSystem(), new dev.freeport.core.exec.ProcessCommandRunner());
    }
    throw new UnusableHostException("freeport does not support " + System.getProperty("os.name") + " yet");
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
