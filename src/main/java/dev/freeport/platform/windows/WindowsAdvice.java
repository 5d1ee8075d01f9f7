package dev.freeport.platform.windows;

import dev.freeport.core.model.Advice;
import dev.freeport.core.model.ProcessInfo;
import java.util.Locale;
import java.util.Optional;

/** Windows holders that are not the real owner of a port: http.sys behind System, and services in svchost. */
public final class WindowsAdvice {
  private WindowsAdvice() {}

  public static Optional<Advice> of(ProcessInfo p, int port) {
    String name = p.name().toLowerCase(Locale.ROOT).replaceFirst("\\.exe$", "");
    if (p.pid() == 4 || name.equals("system")) {
      return Optional.of(new Advice(
          "port " + port + " is held by http.sys (the kernel HTTP server, shown as System, PID 4) for a"
              + " service or a URL reservation",
          "netsh http show servicestate view=requestq (run as administrator) names the process that registered"
              + " it; stop that service (e.g. sc stop NAME, or iisreset /stop for IIS)"));
    }
    if (name.equals("svchost")) {
      return Optional.of(new Advice(
          "a Windows service inside svchost (PID " + p.pid() + ") holds it",
          "tasklist /svc /fi \"PID eq " + p.pid() + "\" names the service; sc stop NAME stops it"));
    }
    return Optional.empty();
  }
}
