package dev.freeport.core.text;

/**
 * Whether a name that another process or the system chose may go, as it is, into a command that
 * freeport suggests for the user to copy ({@code supervisorctl stop NAME}, {@code sc stop NAME}).
 * A name qualifies only when the shell reads it back as exactly that one word and no program can
 * take it for an option; any other name stays out of the command (the sentence around it still
 * names it, sanitised when printed).
 */
public final class CommandWords {
  /** The longest name put into a POSIX command (Docker's limit for a container name). */
  static final int SHELL_MAX = 128;
  /** The longest Windows service or application pool name put into a command. */
  static final int WINDOWS_MAX = 256;

  private CommandWords() {}

  /**
   * A word that a POSIX shell passes on unchanged without quotes: 1 to {@value #SHELL_MAX} of
   * {@code A-Z a-z 0-9 _ . @ + -}, not starting with {@code -} (which a program would read as an
   * option). That is {@code [A-Za-z0-9_.@+][A-Za-z0-9_.@+-]{0,127}}: it holds every Docker
   * container name, supervisord program and group name, pm2 name and ordinary process name, and
   * no quote, space, {@code $}, backquote, glob, redirection or control character.
   */
  public static boolean shellWord(String s) {
    if (s.isEmpty() || s.length() > SHELL_MAX || s.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!alnum(c) && c != '_' && c != '.' && c != '@' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * A Windows service or IIS application pool name that may go into {@code sc stop "NAME"} (cmd,
   * double quotes when it has a space) and {@code Stop-Service -Name 'NAME'} (PowerShell, single
   * quotes): 1 to {@value #WINDOWS_MAX} of {@code A-Z a-z 0-9 _ . $ @ # { } ~ -} and space, not
   * starting with {@code -} or a space. Windows names use {@code $} ({@code MSSQL$SQLEXPRESS}) and
   * spaces, which those quotes keep literal; no quote, {@code %}, {@code !}, {@code ^},
   * {@code &}, {@code |}, {@code <}, {@code >}, wildcard or control character can appear.
   */
  public static boolean windowsName(String s) {
    if (s.isEmpty() || s.length() > WINDOWS_MAX || s.charAt(0) == '-' || s.charAt(0) == ' ') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean plain = alnum(c) || c == '_' || c == '.' || c == '$' || c == '@' || c == '#' || c == '{'
          || c == '}' || c == '~' || c == '-' || c == ' ';
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
