package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against /proc/PID/cgroup files as systemd machines write them (cgroup v2 and v1). */
class SystemdUnitsTest {
  private static Optional<SystemdUnits.Unit> unit(String cgroup) {
    return SystemdUnits.fromCgroup(cgroup);
  }

  @Test
  void systemService() {
    assertEquals(Optional.of(new SystemdUnits.Unit("nginx.service", false)), unit("0::/system.slice/nginx.service\n"));
    assertEquals("systemctl stop nginx.service", unit("0::/system.slice/nginx.service\n").get().stopCommand());
  }

  @Test
  void userServiceUnderTheUserManager() {
    Optional<SystemdUnits.Unit> u = unit("0::/user.slice/user-1000.slice/user@1000.service/app.slice/dev-server.service\n");
    assertEquals(Optional.of(new SystemdUnits.Unit("dev-server.service", true)), u);
    assertEquals("systemctl --user stop dev-server.service", u.get().stopCommand());
  }

  @Test
  void notServices() {
    assertEquals(Optional.empty(), unit("0::/user.slice/user-1000.slice/session-3.scope\n"), "a login session");
    assertEquals(Optional.empty(), unit("0::/user.slice/user-1000.slice/user@1000.service/init.scope\n"), "the user manager");
    assertEquals(Optional.empty(), unit("0::/system.slice/docker-4f1c.scope\n"), "a container");
    assertEquals(Optional.empty(), unit("0::/\n"), "no systemd (a container or this sandbox)");
    assertEquals(Optional.empty(), unit(""));
  }

  @Test
  void cgroupV1NamedHierarchy() {
    String v1 = "12:pids:/system.slice/postgresql@15-main.service\n1:name=systemd:/system.slice/postgresql@15-main.service\n";
    assertEquals(Optional.of(new SystemdUnits.Unit("postgresql@15-main.service", false)), unit(v1));
  }
}
