package dev.freeport.platform.linux;

import java.util.Optional;

/** Reads the systemd unit of a process from its cgroup path (/proc/PID/cgroup). */
public final class SystemdUnits {
  private SystemdUnits() {}

  /** A service unit and whether it belongs to a user's manager ({@code systemctl --user}). */
  public record Unit(String name, boolean user) {
    public String stopCommand() {
      return "systemctl " + (user ? "--user " : "") + "stop " + name;
    }
  }

  /**
   * The innermost {@code .service} of the cgroup path, if the process runs in one. The user
   * manager itself ({@code user@1000.service}) is not a service to stop: below it are the user's
   * own units. Session scopes, container scopes and slices are not services.
   */
  public static Optional<Unit> fromCgroup(String cgroupFile) {
    for (String line : cgroupFile.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length < 3 || !(f[0].equals("0") || f[1].contains("name=systemd"))) {
        continue;
      }
      String[] parts = f[2].split("/");
      boolean underUserManager = false;
      String unit = null;
      for (String p : parts) {
        if (userManager(p)) {
          underUserManager = true;
        } else if (p.endsWith(".service")) {
          unit = p;
        }
      }
      if (unit != null) {
        return Optional.of(new Unit(unit, underUserManager));
      }
    }
    return Optional.empty();
  }

  /** True for {@code user@UID.service}: what the pattern {@code user@\d+\.service} matches. */
  static boolean userManager(String part) {
    String prefix = "user@";
    String suffix = ".service";
    int end = part.length() - suffix.length();
    if (!part.startsWith(prefix) || !part.endsWith(suffix) || end <= prefix.length()) {
      return false;
    }
    for (int i = prefix.length(); i < end; i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
