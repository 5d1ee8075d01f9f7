package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.freeport.it.CliRun.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * bin\freeport.cmd from the portable zip, run by Wine's cmd.exe with a stub java.exe (built here
 * with MinGW) that records the arguments it receives, split by the C runtime's rules as java.exe
 * splits them.
 *
 * <p>Not covered, because Wine's cmd differs from Windows' here: Wine expands %VAR% again inside
 * the text %* expands to (and drops a lone %), which Windows' cmd does not; so an argument with
 * % is checked only by reading the script. An argument holding both a double quote and one of
 * &amp;|&lt;&gt; cannot pass through any .cmd unchanged (cmd's quote state flips at the escaped
 * quote); the README says to avoid it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Wine on Linux")
class WindowsLauncherIT {
  private static Path dir;
  private static Path prefix;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(onPath("wine") && onPath("x86_64-w64-mingw32-gcc"), "needs Debian's wine64 and gcc-mingw-w64 (.ci/run installs them)");
    dir = Files.createTempDirectory("freeport-wine");
    prefix = Path.of("target", "wine").toAbsolutePath();
    Files.createDirectories(dir.resolve("freeport/bin"));
    Files.createDirectories(dir.resolve("jdk/bin"));
    Files.createDirectories(dir.resolve("other"));
    try (ZipFile zip = new ZipFile(Shell.artifact("freeport-" + Shell.version() + ".zip").toFile());
         InputStream cmd = zip.getInputStream(zip.getEntry("freeport-" + Shell.version() + "/bin/freeport.cmd"))) {
      Files.write(dir.resolve("freeport/bin/freeport.cmd"), cmd.readAllBytes());
    }
    Path stub = dir.resolve("jdk/bin/java.exe");
    Result cc = Shell.run(dir, Map.of(), "x86_64-w64-mingw32-gcc", "-municode", "-O1", "-o", stub.toString(),
        Path.of("src/test/c/stub-java.c").toAbsolutePath().toString());
    assertEquals(0, cc.code(), cc::toString);
    Files.copy(stub, dir.resolve("other/java.exe"));
    // The first run creates the Wine prefix (it says so on stderr: here, not in a test); then one
    // Wine server for all the runs (0.15 s a run instead of 0.6 s), ended in tearDown.
    Result boot = wine("wine", "cmd.exe", "/c", "exit 0");
    assertEquals(0, boot.code(), boot::toString);
    // A server left by that run would refuse -p: wait for it to end (it lingers 3 s) first.
    Result ended = wine("wineserver", "-w");
    assertEquals(0, ended.code(), ended::toString);
    Result server = wine("wineserver", "-p");
    assertEquals(0, server.code(), server::toString);
  }

  /**
   * Runs a Wine command with output to files, not pipes: Wine's helper processes (services.exe
   * and the like) inherit its output and outlive it, so a pipe would not end with the run.
   */
  private static Result wine(Map<String, String> env, String... command) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    boolean ended = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "wine did not end: " + List.of(command));
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
        Files.readString(err, StandardCharsets.ISO_8859_1), (System.nanoTime() - start) / 1_000_000);
  }

  private static Result wine(String... command) throws Exception {
    return wine(wineEnv(), command);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (prefix != null) {
      wine("wineserver", "-k");
    }
    if (dir != null) {
      Shell.delete(dir);
    }
  }

  /** This environment without JAVA_HOME and FREEPORT_JAVA, with a Wine prefix under target/. */
  private static Map<String, String> wineEnv() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("JAVA_HOME");
    env.remove("FREEPORT_JAVA");
    env.put("WINEPREFIX", prefix.toString());
    env.put("WINEDEBUG", "-all");
    return env;
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String windows(Path p) {
    return "Z:" + p.toAbsolutePath().toString().replace('/', '\\');
  }

  /** One argument quoted as a careful Windows caller quotes it (C runtime rules). */
  private static String quote(String arg) {
    StringBuilder q = new StringBuilder("\"");
    int backslashes = 0;
    for (char c : arg.toCharArray()) {
      if (c == '\\') {
        backslashes++;
        continue;
      }
      q.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
      backslashes = 0;
    }
    return q.append("\\".repeat(backslashes * 2)).append('"').toString();
  }

  /**
   * What a run printed, and what the stub java received (null if it did not run): its arguments
   * after the main class, and the JVM option variables set in its environment (NAME=value).
   */
  record Launch(Result run, String exe, List<String> javaArgs, List<String> jvmOptionVariables) {}

  /** Runs freeport.cmd ARGS from a batch file under Wine's cmd.exe with this environment. */
  private static Launch freeport(Map<String, String> env, String... args) throws Exception {
    Path log = dir.resolve("java-args.txt");
    Files.deleteIfExists(log);
    StringBuilder line = new StringBuilder("@\"" + windows(dir.resolve("freeport/bin/freeport.cmd")) + "\"");
    for (String a : args) {
      line.append(' ').append(quote(a));
    }
    Files.writeString(dir.resolve("drive.cmd"), line + "\r\n", StandardCharsets.ISO_8859_1);
    Map<String, String> all = wineEnv();
    all.put("STUB_LOG", windows(log));
    all.putAll(env);
    Result r = wine(all, "wine", "cmd.exe", "/c", windows(dir.resolve("drive.cmd")));
    if (!Files.exists(log)) {
      return new Launch(r, null, null, null);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int main = lines.indexOf("dev.freeport.Main");
    assertTrue(main > 0, lines.toString());
    List<String> variables = new ArrayList<>();
    for (int i = 1; i < lines.size() && lines.get(i).startsWith("ENV "); i++) {
      variables.add(lines.get(i).substring("ENV ".length()));
    }
    return new Launch(r, lines.get(0).substring("EXE ".length()), lines.subList(main + 1, lines.size()), variables);
  }

  private static Map<String, String> javaHome() {
    return Map.of("JAVA_HOME", windows(dir.resolve("jdk")));
  }

  @Test
  void argumentsReachJavaUnchanged() throws Exception {
    List<String> args = List.of("has space", "say \"hi\"", "a^b", "x&y", "wow!", "<in>|out", "", "C:\\dir\\",
        "plain", "--timeout=5s");
    Launch r = freeport(javaHome(), args.toArray(String[]::new));
    assertEquals(0, r.run().code(), r.run()::toString);
    assertEquals(args, r.javaArgs(), r.run()::toString);
  }

  /** JAVA_TOOL_OPTIONS and the like are for the user's Java applications, not freeport's JVM. */
  @Test
  void jvmOptionsMeantForApplicationsDoNotReachFreeportsJava() throws Exception {
    Map<String, String> env = new HashMap<>(javaHome());
    for (String name : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      env.put(name, "-Djava.net.preferIPv4Stack=true");
    }
    Launch r = freeport(env, "8080");
    assertEquals(0, r.run().code(), r.run()::toString);
    assertEquals(List.of(), r.jvmOptionVariables(), r.run()::toString);
    assertEquals(List.of("8080"), r.javaArgs());

    // The stub does see them when they reach it (run without the launcher).
    Path log = dir.resolve("java-args.txt");
    Files.deleteIfExists(log);
    Map<String, String> direct = wineEnv();
    direct.putAll(env);
    direct.put("STUB_LOG", windows(log));
    Result stub = wine(direct, "wine", windows(dir.resolve("jdk/bin/java.exe")), "dev.freeport.Main");
    assertEquals(0, stub.code(), stub::toString);
    assertTrue(Files.readAllLines(log, StandardCharsets.UTF_8).contains("ENV JAVA_TOOL_OPTIONS=-Djava.net.preferIPv4Stack=true"),
        () -> "the stub reports what it gets: " + log);
  }

  @Test
  void theExitCodeIsFreeportsExitCode() throws Exception {
    for (int code : new int[] {0, 1, 2, 3, 4, 5, 130}) {
      Map<String, String> env = new HashMap<>(javaHome());
      env.put("STUB_EXIT", Integer.toString(code));
      Launch r = freeport(env, "8080");
      assertEquals(code, r.run().code(), r.run()::toString);
      assertEquals(List.of("8080"), r.javaArgs());
    }
  }

  @Test
  void freeportJavaWinsOverJavaHomeAndJavaOnPathIsTheLastResort() throws Exception {
    Map<String, String> both = new HashMap<>(javaHome());
    both.put("FREEPORT_JAVA", windows(dir.resolve("other/java.exe")));
    assertEquals(windows(dir.resolve("other/java.exe")).toLowerCase(), freeport(both, "list").exe().toLowerCase());
    assertEquals(windows(dir.resolve("jdk/bin/java.exe")).toLowerCase(), freeport(javaHome(), "list").exe().toLowerCase());
    Launch onPath = freeport(Map.of("WINEPATH", windows(dir.resolve("other"))), "list");
    assertEquals(windows(dir.resolve("other/java.exe")).toLowerCase(), onPath.exe().toLowerCase());
  }

  @Test
  void noJavaIsOneLineAndExitOne() throws Exception {
    Map<String, Map<String, String>> cases = Map.of(
        "none", Map.of(),
        "JAVA_HOME without java", Map.of("JAVA_HOME", windows(dir.resolve("other"))),
        "FREEPORT_JAVA missing", Map.of("FREEPORT_JAVA", windows(dir.resolve("nope/java.exe"))));
    for (var c : cases.entrySet()) {
      Launch r = freeport(c.getValue(), "8080");
      assertEquals(1, r.run().code(), c.getKey() + ": " + r.run());
      assertEquals(null, r.exe(), c.getKey() + ": no java ran");
      String err = r.run().err().strip();
      assertEquals(1, err.lines().count(), c.getKey() + ": " + r.run());
      assertTrue(err.startsWith("freeport: "), c.getKey() + ": " + r.run());
      assertFalse(r.run().out().contains("freeport:"), "the message goes to stderr: " + r.run());
    }
    assertTrue(freeport(Map.of(), "8080").run().err().contains("install Java 17 or newer (e.g. winget install"));
  }
}
