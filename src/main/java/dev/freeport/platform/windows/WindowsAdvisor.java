package dev.freeport.platform.windows;

import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.engine.Deadlines;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.text.CommandWords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Windows' reasons why stopping a holder does not free its port, or why a port nobody holds cannot
 * be bound, and what does: http.sys behind System (PID 4), services in svchost or in their own
 * process, WSL2's relay, and excluded port ranges (Docker Desktop's forwarders are the core Explainer's).
 *
 * <p>Facts that need the system are asked for only when a case calls for them, at most once per
 * run: the service list once, each {@code netsh} or {@code docker} command once, bounded by
 * {@link Deadlines#COMMAND}.
 * Names that end up inside a suggested command (service names, application pools) are used only
 * when {@link CommandWords#windowsName} allows them; anything else stays in the sentence, where
 * the renderer sanitises it.
 */
public final class WindowsAdvisor {
  static final List<String> HTTP_QUEUES = List.of("netsh", "http", "show", "servicestate", "view=requestq");

  private final WindowsServices services;
  private final CommandRunner commands;
  private final Map<List<String>, Optional<String>> answers = new HashMap<>();
  private List<WindowsServices.Service> running;

  public WindowsAdvisor(WindowsServices services, CommandRunner commands) {
    this.services = services;
    this.commands = commands;
  }

  /** Why stopping this holder may not free the port, and what will. */
  public Optional<Advice> advice(ProcessInfo holder, int port) {
    String name = ProcessInfo.plainName(holder.name());
    if (holder.pid() == 4 || name.equals("system")) {
      return Optional.of(httpSys(port));
    }
    if (name.equals("wslrelay")) {
      return Optional.of(new Advice(
          "wslrelay.exe (PID " + holder.pid() + ") relays Windows port " + port + " to a server inside WSL2;"
              + " stopping the relay does not stop that server, and the relay can outlive it",
          "stop the server inside WSL (there: freeport " + port + "), or run wsl --shutdown to stop WSL and its"
              + " relays"));
    }
    List<WindowsServices.Service> in = servicesIn(holder.pid());
    if (!in.isEmpty()) {
      return Optional.of(services(holder, name, in));
    }
    if (name.equals("svchost")) {
      return Optional.of(new Advice(
          "a Windows service inside svchost (PID " + holder.pid() + ") holds it",
          "tasklist /svc /fi \"PID eq " + holder.pid() + "\" names the service; sc stop NAME stops it"));
    }
    return Optional.empty();
  }

  /** Holders that must never be stopped on Windows although they are not critical processes. */
  public Optional<String> refusal(ProcessInfo holder) {
    String name = ProcessInfo.plainName(holder.name());
    if (name.equals("wslrelay")) {
      return Optional.of("it is WSL's port relay; stop the server inside WSL, or run wsl --shutdown");
    }
    return Optional.empty(); // Docker Desktop's forwarders are refused on every OS by the core Explainer
  }

  /**
   * A port no process holds but that cannot be bound: is it inside an excluded range? The IPv6
   * wildcard {@code ::} also takes IPv4 (dual stack), so the IPv4 ranges count for it too.
   * TIME_WAIT connections ({@code timeWait}) are left to the engine, which counts them.
   */
  public Optional<Advice> whyUnbindable(Endpoint endpoint, int timeWait) {
    List<String> ips = !endpoint.ipv6() ? List.of("ipv4")
        : endpoint.address().equals("::") ? List.of("ipv6", "ipv4") : List.of("ipv6");
    String protocol = endpoint.protocol().label();
    for (String ip : ips) {
      Optional<Advice> a = ask(List.of("netsh", "interface", ip, "show", "excludedportrange", "protocol=" + protocol))
          .flatMap(out -> ExcludedPortRanges.containing(ExcludedPortRanges.parse(out), endpoint.port()))
          .map(r -> excluded(endpoint, ip, protocol, r));
      if (a.isPresent()) {
        return a;
      }
    }
    return Optional.empty();
  }

  private static Advice excluded(Endpoint e, String ip, String protocol, ExcludedPortRanges.Range r) {
    String why = "port " + e.port() + " lies in a range Windows excludes for " + protocol + " over IP"
        + ip.substring(2) + " (" + r.label() + ")";
    String list = "netsh interface " + ip + " show excludedportrange protocol=" + protocol + " lists them";
    if (r.administered()) {
      return new Advice(why + ", added by an administrator; binding it fails (error 10013) though no process"
          + " holds it",
          "from an elevated prompt, netsh interface " + ip + " delete excludedportrange protocol=" + protocol
              + " startport=" + r.first() + " numberofports=" + (r.last() - r.first() + 1)
              + " removes it; or use a port outside it");
    }
    return new Advice(why + ", reserved by Hyper-V, WSL2, WinNAT or Docker Desktop; binding it fails (error"
        + " 10013) though no process holds it",
        "use a port outside " + r.label() + ", or from an elevated prompt run net stop winnat, then net start"
            + " winnat, which gives the reservations back (they are taken again, usually elsewhere); " + list);
  }

  /** PID 4: name the request queue, its process and service when netsh can tell. */
  private Advice httpSys(int port) {
    String why = "port " + port + " is held by http.sys (the kernel HTTP server, shown as System, PID 4)";
    List<HttpServiceState.Queue> queues = ask(HTTP_QUEUES)
        .map(out -> HttpServiceState.onPort(HttpServiceState.parse(out), port))
        .orElse(List.of());
    if (queues.isEmpty()) {
      return new Advice(why + " for a service or a URL reservation",
          "netsh http show servicestate view=requestq (run as administrator) names the process that registered"
              + " it; stop that service (e.g. sc stop NAME, or iisreset /stop for IIS)");
    }
    List<String> parts = new ArrayList<>();
    Set<String> fixes = new LinkedHashSet<>();
    for (HttpServiceState.Queue q : queues) {
      List<String> procs = new ArrayList<>();
      for (HttpServiceState.Attached a : q.processes()) {
        List<WindowsServices.Service> in = servicesIn(a.pid());
        procs.add(a.fileName() + " (PID " + a.pid()
            + (in.isEmpty() ? "" : ", service " + in.stream().map(WindowsServices.Service::name)
                .collect(Collectors.joining(", "))) + ")");
        if (!in.isEmpty()) {
          fixes.add(stopServices(in));
        } else if (a.fileName().equalsIgnoreCase("w3wp.exe")) {
          fixes.add(stopIis(q.name()));
        } else {
          fixes.add("stop " + a.fileName() + " (PID " + a.pid() + "): closing it releases its URLs");
        }
      }
      if (q.processes().isEmpty()) {
        fixes.add(stopIis(q.name()));
      }
      parts.add((q.name().isEmpty() ? "an unnamed request queue" : "request queue " + q.name())
          + (procs.isEmpty() ? " with no process attached (IIS starts one at the first request)"
              : " of " + String.join(", ", procs)));
    }
    return new Advice(why + " for " + String.join("; ", parts), String.join("; and ", fixes));
  }

  /** IIS owns request queues named after its application pools. */
  private static String stopIis(String pool) {
    return "iisreset /stop (from an elevated prompt) stops IIS"
        + (CommandWords.windowsName(pool) ? ", or Stop-WebAppPool -Name '" + pool + "' only that pool" : "");
  }

  private Advice services(ProcessInfo holder, String name, List<WindowsServices.Service> in) {
    String listed = in.stream().map(s -> s.name() + (s.displayName().isEmpty() || s.displayName().equals(s.name())
        ? "" : " (" + s.displayName() + ")")).collect(Collectors.joining(", "));
    String why = name.equals("svchost")
        ? "svchost (PID " + holder.pid() + ") runs the Windows service" + (in.size() > 1 ? "s " : " ") + listed
            + (in.size() > 1 ? "; one of them holds the port" : "")
        : "it runs as the Windows service " + listed + ", which the service manager may restart";
    return new Advice(why, stopServices(in));
  }

  /** {@code sc stop A} for each service, then the PowerShell way, from an elevated prompt. */
  private static String stopServices(List<WindowsServices.Service> in) {
    List<String> plain = in.stream().map(WindowsServices.Service::name).distinct()
        .filter(CommandWords::windowsName).toList();
    if (plain.isEmpty()) {
      return "from an elevated prompt, sc stop NAME with the service's name stops it";
    }
    String sc = plain.stream().map(n -> "sc stop " + (n.contains(" ") ? "\"" + n + "\"" : n))
        .collect(Collectors.joining(" or "));
    String ps = plain.stream().map(n -> "Stop-Service -Name '" + n + "'").collect(Collectors.joining(" or "));
    return "from an elevated prompt, " + sc + (plain.size() > 1 ? " (the one that holds the port)" : "")
        + "; in PowerShell " + ps;
  }

  private List<WindowsServices.Service> servicesIn(long pid) {
    if (running == null) {
      running = services.running();
    }
    return running.stream().filter(s -> s.pid() == pid).toList();
  }

  private Optional<String> ask(List<String> argv) {
    return answers.computeIfAbsent(argv, a -> commands.run(a, Deadlines.COMMAND));
  }
}
