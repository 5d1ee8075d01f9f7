package dev.freeport.testing;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds {@link ProcessInfo} values for tests of pure logic: {@code Proc.of(42).name("node").build()}.
 * Unset fields get plain defaults (start time = pid, parent 1, user "dev", no memory). The start
 * time is also when it started, in seconds since the epoch.
 */
public final class Proc {
  private final long pid;
  private long startTime;
  private long parent = 1;
  private String name = "proc";
  private String command = "";
  private Optional<String> user = Optional.of("dev");
  private boolean kernelThread;
  private OptionalLong memoryBytes = OptionalLong.empty();

  private Proc(long pid) {
    this.pid = pid;
    this.startTime = pid;
  }

  public static Proc of(long pid) {
    return new Proc(pid);
  }

  public Proc start(long startTime) {
    this.startTime = startTime;
    return this;
  }

  public Proc parent(long parent) {
    this.parent = parent;
    return this;
  }

  public Proc name(String name) {
    this.name = name;
    return this;
  }

  public Proc command(String command) {
    this.command = command;
    return this;
  }

  public Proc user(String user) {
    this.user = Optional.ofNullable(user);
    return this;
  }

  public Proc memory(long bytes) {
    this.memoryBytes = OptionalLong.of(bytes);
    return this;
  }

  public Proc kernelThread() {
    this.kernelThread = true;
    return this;
  }

  public ProcessInfo build() {
    return new ProcessInfo(new ProcessRef(pid, startTime), parent, name, command, user,
        Optional.of(Instant.EPOCH.plusSeconds(startTime)), memoryBytes, kernelThread);
  }
}
