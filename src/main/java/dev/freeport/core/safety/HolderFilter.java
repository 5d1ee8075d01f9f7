package dev.freeport.core.safety;

import dev.freeport.core.model.ProcessInfo;
import dev.freeport.core.model.ProcessRef;
import dev.freeport.core.model.Verdict;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Narrows which holders are stopped, like taskkill's /FI: only one user's processes, or only
 * processes whose name matches a glob ({@code *} and {@code ?}). Holders left out are skipped,
 * not stopped; the tree below a stopped holder goes with it.
 */
public final class HolderFilter {
  public static final HolderFilter NONE = new HolderFilter(Optional.empty(), Optional.empty());

  private final Optional<String> user;
  private final Optional<String> nameGlob;
  private final Optional<Pattern> name;
  private final Optional<ProcessRef> only;

  public HolderFilter(Optional<String> user, Optional<String> nameGlob) {
    this(user, nameGlob, Optional.empty());
  }

  private HolderFilter(Optional<String> user, Optional<String> nameGlob, Optional<ProcessRef> only) {
    this.user = user;
    this.nameGlob = nameGlob;
    this.name = nameGlob.isPresent() ? Optional.of(glob(nameGlob.get())) : Optional.empty();
    this.only = only;
  }

  /** Only this exact process (pid and start time) may be stopped; every other holder is skipped. */
  public static HolderFilter exactly(ProcessRef process) {
    return new HolderFilter(Optional.empty(), Optional.empty(), Optional.of(process));
  }

  /** Skipped with the reason, or allowed. */
  public Verdict judge(ProcessInfo p) {
    if (only.isPresent() && !only.get().equals(p.ref())) {
      return new Verdict.Skipped("not PID " + only.get().pid());
    }
    if (user.isPresent() && !p.user().equals(user)) {
      return new Verdict.Skipped("not user " + user.get() + " (--user)");
    }
    if (name.isPresent() && !name.get().matcher(p.name()).matches()) {
      return new Verdict.Skipped("name does not match " + nameGlob.get() + " (--name)");
    }
    return Verdict.ALLOWED;
  }

  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
