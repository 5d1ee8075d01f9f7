package dev.freeport;

import dev.freeport.core.port.Host;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.platform.Platforms;
import java.io.OutputStream;
import java.io.PrintStream;

/** Lets real-process tests run the stop that class-archive training performs. */
public final class TrainingAccess {
  private TrainingAccess() {}

  /** Stops the process with this pid on this port exactly as {@link Training} stops its own listener. */
  public static void stopOnly(long pid, int port) throws Exception {
    Host host = Platforms.current();
    ProcessRef own = host.processes().identify(pid).orElseThrow();
    Training.stopOnly(host, own, port, false, new PrintStream(OutputStream.nullOutputStream()));
  }
}
