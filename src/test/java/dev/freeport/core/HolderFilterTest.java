package dev.freeport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.safety.HolderFilter;
import dev.freeport.core.model.Verdict;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HolderFilterTest {
  static ProcessInfo proc(String name, String user) {
    return new ProcessInfo(new ProcessRef(5, 1), 1, name, name, Optional.ofNullable(user), Optional.empty(),
        OptionalLong.empty(), false);
  }

  @Test
  void globsMatchTheWholeNameLiterally() {
    HolderFilter f = new HolderFilter(Optional.empty(), Optional.of("node*"));
    assertTrue(f.judge(proc("node", "a")).allowed());
    assertTrue(f.judge(proc("nodemon", "a")).allowed());
    assertTrue(f.judge(proc("xnode", "a")) instanceof Verdict.Skipped);
    HolderFilter dots = new HolderFilter(Optional.empty(), Optional.of("python3.?"));
    assertTrue(dots.judge(proc("python3.1", "a")).allowed());
    assertTrue(dots.judge(proc("python3x11", "a")) instanceof Verdict.Skipped, "'.' is literal");
  }

  @Test
  void userMustMatchAndUnknownUserIsSkipped() {
    HolderFilter f = new HolderFilter(Optional.of("alice"), Optional.empty());
    assertTrue(f.judge(proc("node", "alice")).allowed());
    assertEquals("not user alice (--user)", ((Verdict.Skipped) f.judge(proc("node", "bob"))).reason());
    assertTrue(f.judge(proc("node", null)) instanceof Verdict.Skipped);
    assertTrue(HolderFilter.NONE.judge(proc("x", null)).allowed());
  }
}
