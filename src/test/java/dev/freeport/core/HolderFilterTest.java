package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.model.Verdict;
import dev.freeport.testing.Proc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HolderFilterTest {
  @Test
  void globsMatchTheWholeNameLiterally() {
    HolderFilter f = new HolderFilter(Optional.empty(), Optional.of("node*"));
    assertTrue(f.judge(Proc.of(5).name("node").command("node").user("a").build()).allowed());
    assertTrue(f.judge(Proc.of(5).name("nodemon").command("nodemon").user("a").build()).allowed());
    assertTrue(f.judge(Proc.of(5).name("xnode").command("xnode").user("a").build()) instanceof Verdict.Skipped);
    HolderFilter dots = new HolderFilter(Optional.empty(), Optional.of("python3.?"));
    assertTrue(dots.judge(Proc.of(5).name("python3.1").command("python3.1").user("a").build()).allowed());
    assertTrue(dots.judge(Proc.of(5).name("python3x11").command("python3x11").user("a").build()) instanceof Verdict.Skipped, "'.' is literal");
  }

  @Test
  void userMustMatchAndUnknownUserIsSkipped() {
    HolderFilter f = new HolderFilter(Optional.of("alice"), Optional.empty());
    assertTrue(f.judge(Proc.of(5).name("node").command("node").user("alice").build()).allowed());
    assertEquals("not user alice (--user)", ((Verdict.Skipped) f.judge(Proc.of(5).name("node").command("node").user("bob").build())).reason());
    assertTrue(f.judge(Proc.of(5).name("node").command("node").user(null).build()) instanceof Verdict.Skipped);
    assertTrue(HolderFilter.NONE.judge(Proc.of(5).name("x").command("x").user(null).build()).allowed());
  }
}
