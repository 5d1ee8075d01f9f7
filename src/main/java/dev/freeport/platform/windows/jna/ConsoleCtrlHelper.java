package dev.freeport.platform.windows.jna;

/**
 * Run as its own short-lived process: leaves its console, attaches to the target's console,
 * ignores Ctrl+C itself, and sends Ctrl+C to that console. Exit code 0 when sent, 2 when the
 * target has no console, 1 otherwise. freeport's own console is never touched.
 *
 * <p>Ctrl+C cannot be aimed at one process group; it reaches every process attached to that
 * console (the target's tree, and anything else started in that console window).
 */
public final class ConsoleCtrlHelper {
  private ConsoleCtrlHelper() {}

  public static void main(String[] args) {
    int pid = Integer.parseInt(args[0]);
    Win32.Console c = Win32.Console.INSTANCE;
    c.FreeConsole();
    if (!c.AttachConsole(pid)) {
      System.exit(2);
    }
    c.SetConsoleCtrlHandler(null, true);
    int event = args.length > 1 && args[1].equals("break") ? Win32.CTRL_BREAK_EVENT : Win32.CTRL_C_EVENT;
    System.exit(c.GenerateConsoleCtrlEvent(event, 0) ? 0 : 1);
  }
}
