package dev.freeport.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.port.ProcessInspector.Job;
import dev.freeport.core.process.Supervisors.Decision;
import dev.freeport.testing.Proc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a holder's parent is decides whether freeport watches it and whether --parent may stop it. */
class SupervisorsTest {
  static final ProcessInfo HOLDER = Proc.of(500).parent(400).name("node").build();

  static Decision judge(ProcessInfo parent, Optional<Job> job) {
    return Supervisors.judge(HOLDER, job, Optional.of(parent), false, Optional.empty());
  }

  static ProcessInfo parent(String name, String command) {
    return Proc.of(400).name(name).command(command).build();
  }

  @Test
  void knownSupervisorsAreNamed() {
    assertEquals("supervisord", what(parent("python3", "/usr/bin/python3 /usr/bin/supervisord -n -c x.conf")));
    assertEquals("pm2", what(parent("node", "PM2 v5.4.3: God Daemon (/root/.pm2)")));
    assertEquals("nodemon", what(parent("node", "node /app/node_modules/.bin/nodemon server.js")));
    assertEquals("runsv", what(parent("runsv", "runsv web")));
    assertTrue(what(parent("containerd-shim-runc-v2", "")).startsWith("a container runtime"));
  }

  @Test
  void aShellLoopIsWatchedButAnInteractiveShellsJobIsNot() {
    ProcessInfo bash = parent("bash", "bash -c while true; do node s.js; done");
    Decision loop = judge(bash, Optional.of(new Job(400, 300, 0)));
    assertEquals("a shell loop (bash)", ((Decision.Restarter) loop).parent().what());
    Decision job = judge(bash, Optional.of(new Job(500, 300, 34816)));
    assertTrue(((Decision.None) job).why().contains("interactive shell"), job.toString());
  }

  @Test
  void initReapersAndFreeportsOwnChainAreNeverRestarters() {
    Decision init = Supervisors.judge(HOLDER, Optional.empty(), Optional.of(Proc.of(1).parent(0).name("systemd").build()),
        false, Optional.empty());
    assertEquals("PID 500 is a daemon whose parent is init: nothing above it to stop", ((Decision.None) init).why());
    assertInstanceOf(Decision.None.class, judge(parent("tini", "/sbin/tini -- node s.js"), Optional.empty()));
    assertInstanceOf(Decision.None.class,
        Supervisors.judge(HOLDER, Optional.empty(), Optional.of(parent("bash", "")), true, Optional.empty()));
    assertInstanceOf(Decision.None.class, Supervisors.judge(HOLDER, Optional.empty(), Optional.empty(), false, Optional.empty()));
  }

  @Test
  void theOsSupervisorWinsEvenUnderInit() {
    Decision d = Supervisors.judge(HOLDER, Optional.empty(), Optional.of(Proc.of(1).parent(0).name("systemd").build()),
        false, Optional.of("systemd (web.service)"));
    assertEquals("systemd (web.service)", ((Decision.Restarter) d).parent().what());
  }

  @Test
  void anyOtherLiveParentMayRestartIt() {
    assertEquals("npm", what(parent("npm", "npm start")));
  }

  private static String what(ProcessInfo parent) {
    return ((Decision.Restarter) judge(parent, Optional.empty())).parent().what();
  }

  /** A "parent" that started after the holder is a later process that got the dead parent's pid. */
  @Test
  void aParentThatStartedAfterTheHolderIsGone() {
    ProcessInfo later = Proc.of(400).start(900).name("supervisord").command("/usr/bin/supervisord").build();
    Decision d = judge(later, Optional.empty());
    assertInstanceOf(Decision.None.class, d);
  }
}
