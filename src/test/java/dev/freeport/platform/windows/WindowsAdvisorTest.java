package dev.freeport.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.CommandRunner;
import dev.freeport.core.model.Advice;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.Protocol;
import dev.freeport.platform.Recorded;
import dev.freeport.platform.windows.WindowsServices.Service;
import dev.freeport.testing.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Windows' explanations from process facts as OSHI reports them, the service list, and recorded netsh output. */
class WindowsAdvisorTest {
  static final String V4_TCP = "netsh interface ipv4 show excludedportrange protocol=tcp";
  static final String V6_TCP = "netsh interface ipv6 show excludedportrange protocol=tcp";
  static final String QUEUES = "netsh http show servicestate view=requestq";

  /** Answers the commands it was given recorded output for; records every call and its time limit. */
  static final class ScriptedNetsh implements CommandRunner {
    final Map<String, String> outputs = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    ScriptedNetsh answer(String command, String recording) {
      return answerText(command, Recorded.text(recording));
    }

    ScriptedNetsh answerText(String command, String output) {
      outputs.put(command, output);
      return this;
    }

    @Override
    public Optional<String> run(List<String> argv, Duration timeout) {
      assertTrue(timeout.compareTo(Duration.ofSeconds(2)) <= 0, "bounded: " + timeout);
      String command = String.join(" ", argv);
      calls.add(command);
      return Optional.ofNullable(outputs.get(command));
    }
  }

  /** The service manager's answer, counting how often it was asked. */
  static final class ScriptedServices implements WindowsServices {
    final List<Service> services = new ArrayList<>();
    int asked;

    @Override
    public List<Service> running() {
      asked++;
      return services;
    }
  }

  final ScriptedNetsh netsh = new ScriptedNetsh();
  final ScriptedServices services = new ScriptedServices();
  final WindowsAdvisor advisor = new WindowsAdvisor(services, netsh);

  static ProcessInfo proc(long pid, String name) {
    return Proc.of(pid).parent(pid == 4 ? 0 : 700).name(name).user("SYSTEM").build();
  }

  static Endpoint tcp(String address, int port) {
    return new Endpoint(Protocol.TCP, address, port);
  }

  @Test
  void aPortInAWinNatRangeNamesTheRangeAndTheFix() {
    netsh.answer(V4_TCP, "windows/netsh-excludedportrange-ipv4-tcp.txt");
    Advice a = advisor.whyUnbindable(tcp("0.0.0.0", 8080), 0).orElseThrow();
    assertEquals("port 8080 lies in a range Windows excludes for tcp over IPv4 (8040-8139), reserved by Hyper-V,"
        + " WSL2, WinNAT or Docker Desktop; binding it fails (error 10013) though no process holds it", a.why());
    assertEquals("use a port outside 8040-8139, or from an elevated prompt run net stop winnat, then net start winnat,"
        + " which gives the reservations back (they are taken again, usually elsewhere);"
        + " netsh interface ipv4 show excludedportrange protocol=tcp lists them", a.instead());
  }

  @Test
  void anAdministeredExclusionIsDeletedWithNetsh() {
    netsh.answer(V4_TCP, "windows/netsh-excludedportrange-ipv4-tcp.txt");
    Advice a = advisor.whyUnbindable(tcp("127.0.0.1", 50010), 0).orElseThrow();
    assertTrue(a.why().contains("(50000-50059), added by an administrator"), a.why());
    assertEquals("from an elevated prompt, netsh interface ipv4 delete excludedportrange protocol=tcp startport=50000"
        + " numberofports=60 removes it; or use a port outside it", a.instead());
  }

  @Test
  void ipv6AsksTheIpv6TableAndEachCommandRunsOnce() {
    netsh.answer(V4_TCP, "windows/netsh-excludedportrange-ipv4-tcp.txt")
        .answer(V6_TCP, "windows/netsh-excludedportrange-ipv6-tcp.txt");
    assertTrue(advisor.whyUnbindable(tcp("::1", 3000), 0).orElseThrow().why().contains("over IPv6 (3000-3099)"));
    assertEquals(List.of(V6_TCP), netsh.calls, "found in the IPv6 table: the IPv4 one is not asked");
    assertEquals(Optional.empty(), advisor.whyUnbindable(tcp("0.0.0.0", 3000), 0), "not excluded over IPv4");
    assertTrue(advisor.whyUnbindable(tcp("::", 8080), 0).orElseThrow().why().contains("over IPv4 (8040-8139)"),
        "the dual-stack wildcard takes IPv4 too");
    assertEquals(Optional.empty(), advisor.whyUnbindable(tcp("::1", 8080), 0), "a v6-only address does not");
    assertEquals(Optional.empty(), advisor.whyUnbindable(tcp("::", 4000), 0));
    assertEquals(List.of(V6_TCP, V4_TCP), netsh.calls, "each command once per run");
  }

  @Test
  void udpAsksForUdpRangesAndNoAnswerMeansNoExplanation() {
    assertEquals(Optional.empty(), advisor.whyUnbindable(new Endpoint(Protocol.UDP, "0.0.0.0", 5353), 0));
    assertEquals(List.of("netsh interface ipv4 show excludedportrange protocol=udp"), netsh.calls);
  }

  @Test
  void httpSysNamesTheWinRmServiceBehindPid4() {
    netsh.answer(QUEUES, "windows/netsh-http-servicestate-requestq.txt");
    services.services.add(new Service("WinRM", "Windows Remote Management (WS-Management)", 3908));
    services.services.add(new Service("Dnscache", "DNS Client", 1500));
    Advice a = advisor.advice(proc(4, "System"), 5985).orElseThrow();
    assertEquals("port 5985 is held by http.sys (the kernel HTTP server, shown as System, PID 4) for an unnamed"
        + " request queue of svchost.exe (PID 3908, service WinRM)", a.why());
    assertEquals("from an elevated prompt, sc stop WinRM; in PowerShell Stop-Service -Name 'WinRM'", a.instead());
  }

  @Test
  void httpSysOnPort80ListsEveryQueueAndEveryFix() {
    netsh.answer(QUEUES, "windows/netsh-http-servicestate-requestq.txt");
    services.services.add(new Service("SQLServerReportingServices", "SQL Server Reporting Service", 4410));
    Advice a = advisor.advice(proc(4, "System"), 80).orElseThrow();
    assertEquals("port 80 is held by http.sys (the kernel HTTP server, shown as System, PID 4) for request queue"
        + " DefaultAppPool with no process attached (IIS starts one at the first request); an unnamed request queue"
        + " of RSHostingService.exe (PID 4410, service SQLServerReportingServices)", a.why());
    assertEquals("iisreset /stop (from an elevated prompt) stops IIS, or Stop-WebAppPool -Name 'DefaultAppPool' only"
        + " that pool; and from an elevated prompt, sc stop SQLServerReportingServices; in PowerShell"
        + " Stop-Service -Name 'SQLServerReportingServices'", a.instead());
  }

  @Test
  void httpSysForAnIisPoolOrASelfHostedProgram() {
    netsh.answer(QUEUES, "windows/netsh-http-servicestate-requestq.txt");
    assertEquals("iisreset /stop (from an elevated prompt) stops IIS, or Stop-WebAppPool -Name 'Intranet Pool' only"
        + " that pool", advisor.advice(proc(4, "System"), 8081).orElseThrow().instead());
    assertEquals("stop SelfHost.exe (PID 7788): closing it releases its URLs",
        advisor.advice(proc(4, "System"), 9000).orElseThrow().instead());
    assertEquals(1, netsh.calls.size(), "netsh asked once per run: " + netsh.calls);
  }

  @Test
  void withoutNetshPid4GetsTheGeneralWay() {
    Advice a = advisor.advice(proc(4, "System"), 80).orElseThrow();
    assertTrue(a.why().contains("http.sys"), a.why());
    assertTrue(a.instead().startsWith("netsh http show servicestate view=requestq (run as administrator)"), a.instead());
    netsh.answer(QUEUES, "windows/netsh-http-servicestate-requestq.txt");
    assertTrue(new WindowsAdvisor(services, netsh).advice(proc(4, "System"), 8080).orElseThrow().instead()
        .startsWith("netsh http show servicestate"), "a port no queue registered");
  }

  @Test
  void svchostNamesItsServices() {
    services.services.add(new Service("FDResPub", "Function Discovery Resource Publication", 1234));
    services.services.add(new Service("SSDPSRV", "SSDP Discovery", 1234));
    services.services.add(new Service("WinRM", "Windows Remote Management (WS-Management)", 3908));
    Advice a = advisor.advice(proc(1234, "svchost"), 5357).orElseThrow();
    assertEquals("svchost (PID 1234) runs the Windows services FDResPub (Function Discovery Resource Publication),"
        + " SSDPSRV (SSDP Discovery); one of them holds the port", a.why());
    assertEquals("from an elevated prompt, sc stop FDResPub or sc stop SSDPSRV (the one that holds the port);"
        + " in PowerShell Stop-Service -Name 'FDResPub' or Stop-Service -Name 'SSDPSRV'", a.instead());
    advisor.advice(proc(3908, "svchost.exe"), 5985);
    assertEquals(1, services.asked, "the service manager is asked once per run");
    assertEquals(List.of(), netsh.calls, "no netsh for a service");
  }

  @Test
  void aServiceInItsOwnProcessMayBeRestarted() {
    services.services.add(new Service("postgresql-x64-16", "postgresql-x64-16 - PostgreSQL Server 16", 2280));
    services.services.add(new Service("MSSQL$SQLEXPRESS", "SQL Server (SQLEXPRESS)", 2500));
    Advice pg = advisor.advice(proc(2280, "postgres"), 5432).orElseThrow();
    assertEquals("it runs as the Windows service postgresql-x64-16 (postgresql-x64-16 - PostgreSQL Server 16), which"
        + " the service manager may restart", pg.why());
    assertEquals("from an elevated prompt, sc stop MSSQL$SQLEXPRESS; in PowerShell Stop-Service -Name 'MSSQL$SQLEXPRESS'",
        advisor.advice(proc(2500, "sqlservr"), 1433).orElseThrow().instead(), "single quotes: no $ expansion");
  }

  @Test
  void aServiceNameThatIsNotAPlainWordStaysOutOfTheCommand() {
    services.services.add(new Service("evil\" & del /q C:\\*", "Evil", 3000));
    Advice a = advisor.advice(proc(3000, "evil"), 80).orElseThrow();
    assertEquals("from an elevated prompt, sc stop NAME with the service's name stops it", a.instead());
    assertTrue(a.why().contains("evil\" & del"), "the sentence still names it (the renderer sanitises)");
  }

  @Test
  void svchostWithoutTheServiceManagerFallsBackOnTasklist() {
    assertEquals("tasklist /svc /fi \"PID eq 1234\" names the service; sc stop NAME stops it",
        advisor.advice(proc(1234, "svchost.exe"), 5357).orElseThrow().instead());
  }

  @Test
  void wslRelayIsExplainedAndNeverStopped() {
    ProcessInfo relay = proc(9120, "wslrelay.exe");
    Advice a = advisor.advice(relay, 3000).orElseThrow();
    assertEquals("wslrelay.exe (PID 9120) relays Windows port 3000 to a server inside WSL2; stopping the relay does"
        + " not stop that server, and the relay can outlive it", a.why());
    assertEquals("stop the server inside WSL (there: freeport 3000), or run wsl --shutdown to stop WSL and its relays",
        a.instead());
    assertEquals(Optional.of("it is WSL's port relay; stop the server inside WSL, or run wsl --shutdown"),
        advisor.refusal(relay));
    assertTrue(advisor.refusal(proc(9121, "wslrelay")).isPresent(), "OSHI names processes without .exe");
  }

  @Test
  void ordinaryProcessesHaveNoneAndCostNoCommand() {
    ProcessInfo node = proc(5000, "node.exe");
    assertEquals(Optional.empty(), advisor.advice(node, 3000));
    assertEquals(Optional.empty(), advisor.refusal(node));
    assertEquals(List.of(), netsh.calls);
  }
}
