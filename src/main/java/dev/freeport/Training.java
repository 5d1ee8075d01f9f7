package dev.freeport;

import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.core.port.Host;
import dev.freeport.core.Freeport;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.Platforms;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs freeport's main paths once in one JVM (listing, dry runs, JSON and text output, and a
 * real graceful stop of a listener it starts itself) so that the JVM can archive every class
 * they load: scripts/freeport runs it under class-data sharing (JDK 17+) or the AOT cache
 * (JDK 25+) the first time a jar meets a JDK. Prints nothing. It signals only the listener it
 * started, named by its pid and start time: any other process on the same port number (another
 * address) is skipped by the plan's filter, so the gate never lets a signal reach it.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    CliContext ctx = new CliContext(quiet, quiet, InputStream.nullInputStream(), Map.of(), false, false, false,
        () -> new Freeport(Platforms.current()));
    Main.run(quiet, quiet, InputStream.nullInputStream(), "list"); // Main's own classes, too
    Cli.run(ctx, "list", "--json", "--tcp", "--udp");
    Host host = Platforms.current();
    for (boolean json : new boolean[] {false, true}) {
      Process holder = startHolder();
      try {
        String port = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        Cli.run(ctx, port, "--dry-run");
        Cli.run(ctx, port, "--dry-run", "--json");
        ProcessRef own = host.processes().identify(holder.pid()).orElseThrow();
        stopOnly(host, own, Integer.parseInt(port), json, quiet);
      } finally {
        holder.destroyForcibly().waitFor();
      }
    }
    Cli.run(ctx, "0");
  }

  /**
   * Stops exactly {@code own} through the whole command (plan, status, stop, verify, report), as
   * {@code freeport PORT --yes} would but with every other holder of the port skipped.
   */
  static void stopOnly(Host host, ProcessRef own, int port, boolean json, PrintStream out) {
    CliContext ctx = new CliContext(out, out, InputStream.nullInputStream(), Map.of(), false, false, false,
        new Supplier<Freeport>() {
          @Override
          public Freeport get() {
            return new Freeport(host);
          }
        });
    Cli.stopExactly(ctx, own, port, json);
  }

  private static Process startHolder() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder holder = new ProcessBuilder(java, "-Xshare:off", "-cp", System.getProperty("java.class.path"),
        Holder.class.getName()).redirectErrorStream(true);
    // The launchers drop these for freeport's JVMs; whoever else runs training may not have, and
    // the JVM's "Picked up ..." line would come where the port is read.
    holder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    return holder.start();
  }

  /** The listener that training stops: binds a free loopback port and prints it. */
  public static final class Holder {
    private Holder() {}

    public static void main(String[] args) throws Exception {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        System.out.println(s.getLocalPort());
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }
}
