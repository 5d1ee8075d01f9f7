package dev.freeport.platform.linux;

/**
 * Parses /proc/PID/stat. The command name sits in parentheses and may itself contain spaces and
 * parentheses, so fields are counted from the last ')'.
 */
record ProcStat(
    long pid, String comm, char state, long parentPid, long group, long session, long tty, long flags, long startTicks) {
  /** PF_KTHREAD from include/linux/sched.h. */
  private static final long PF_KTHREAD = 0x00200000L;

  static ProcStat parse(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a stat line");
    }
    String[] f = stat.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state); field n is f[n - 3].
    return new ProcStat(
        Long.parseLong(stat.substring(0, open).trim()),
        stat.substring(open + 1, close),
        f[0].charAt(0),
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseUnsignedLong(f[6]),
        Long.parseLong(f[19]));
  }

  boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  boolean zombie() {
    return state == 'Z' || state == 'X';
  }
}
