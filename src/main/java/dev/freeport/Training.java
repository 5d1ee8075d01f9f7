package dev.freeport;

import dev.freeport.cli.Cli;
import dev.freeport.cli.CliContext;
import dev.freeport.platform.Platforms;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs freeport's main paths once in one JVM (listing, dry runs, JSON and text output, and a
 * real graceful stop of a listener it starts itself) so that the JVM can archive every class
 * they load: scripts/freeport runs it under class-data sharing (JDK 17+) or the AOT cache
 * (JDK 25+) the first time a jar meets a JDK. Prints nothing; touches no other process.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    CliContext ctx = new CliContext(quiet, quiet, InputStream.nullInputStream(), Map.of(), false, false, false,
        Platforms::current);
    run(ctx, "list");
    run(ctx, "list", "--json", "--tcp", "--udp");
    for (String[] stop : new String[][] {{"--yes"}, {"--yes", "--json"}}) {
      Process holder = startHolder();
      try {
        String port = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        run(ctx, port, "--dry-run");
        run(ctx, port, "--dry-run", "--json");
        String[] a = new String[stop.length + 1];
        a[0] = port;
        System.arraycopy(stop, 0, a, 1, stop.length);
        run(ctx, a);
      } finally {
        holder.destroyForcibly().waitFor();
      }
    }
    run(ctx, "0");
  }

  private static void run(CliContext ctx, String... args) {
    Cli.run(ctx, args);
  }

  private static Process startHolder() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xshare:off", "-cp", System.getProperty("java.class.path"),
        Holder.class.getName()).redirectErrorStream(true).start();
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
