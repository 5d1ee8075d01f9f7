package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.safety.SafetyPolicy;
import dev.freeport.core.model.Verdict;
import dev.freeport.testing.Proc;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyPolicyTest {
  final SafetyPolicy policy = new SafetyPolicy(500, Set.of(400L, 300L), Set.of("lsass", "launchd"));

  private String reason(ProcessInfo p) {
    return ((Verdict.Refused) policy.judge(p)).reason();
  }

  @Test
  void ordinaryProcessIsAllowed() {
    assertTrue(policy.judge(Proc.of(1234).name("node").command("node").build()).allowed());
  }

  @Test
  void refusesSelfAncestorsInitIdleKernelThreadsAndCriticalNames() {
    assertTrue(reason(Proc.of(500).name("java").command("java").build()).contains("freeport itself"));
    assertTrue(reason(Proc.of(400).name("bash").command("bash").build()).contains("started freeport"));
    assertTrue(reason(Proc.of(300).name("make").command("make").build()).contains("started freeport"));
    assertTrue(reason(Proc.of(1).name("systemd").command("systemd").build()).contains("init"));
    assertTrue(reason(Proc.of(0).name("Idle").command("Idle").build()).contains("PID 0"));
    assertTrue(reason(Proc.of(77).name("kworker/0:1").command("kworker/0:1").kernelThread().build()).contains("kernel thread"));
    assertEquals("it is a critical system process", reason(Proc.of(640).name("LSASS.EXE").command("LSASS.EXE").build()));
    assertEquals("it is a critical system process", reason(Proc.of(88).name("launchd").command("launchd").build()));
  }
}
