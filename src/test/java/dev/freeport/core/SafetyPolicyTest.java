package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.safety.SafetyPolicy;
import dev.freeport.core.model.Verdict;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyPolicyTest {
  final SafetyPolicy policy = new SafetyPolicy(500, Set.of(400L, 300L), Set.of("lsass", "launchd"));

  static ProcessInfo proc(long pid, String name, boolean kernel) {
    return new ProcessInfo(new ProcessRef(pid, 1), 1, name, name, Optional.empty(), Optional.empty(),
        OptionalLong.empty(), kernel);
  }

  private String reason(ProcessInfo p) {
    return ((Verdict.Refused) policy.judge(p)).reason();
  }

  @Test
  void ordinaryProcessIsAllowed() {
    assertTrue(policy.judge(proc(1234, "node", false)).allowed());
  }

  @Test
  void refusesSelfAncestorsInitIdleKernelThreadsAndCriticalNames() {
    assertTrue(reason(proc(500, "java", false)).contains("freeport itself"));
    assertTrue(reason(proc(400, "bash", false)).contains("started freeport"));
    assertTrue(reason(proc(300, "make", false)).contains("started freeport"));
    assertTrue(reason(proc(1, "systemd", false)).contains("init"));
    assertTrue(reason(proc(0, "Idle", false)).contains("PID 0"));
    assertTrue(reason(proc(77, "kworker/0:1", true)).contains("kernel thread"));
    assertEquals("it is a critical system process", reason(proc(640, "LSASS.EXE", false)));
    assertEquals("it is a critical system process", reason(proc(88, "launchd", false)));
  }
}
