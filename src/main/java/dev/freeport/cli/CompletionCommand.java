package dev.freeport.cli;

import dev.freeport.core.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code freeport completion bash|zsh|fish|powershell}: prints a completion script generated from the command
 * model. The build also runs {@link #main} to write the bash, zsh, fish and PowerShell scripts
 * that the archives and packages ship.
 */
public final class CompletionCommand {
  private CompletionCommand() {}

  static int run(CliContext ctx, CommandLine root, String shell) {
    switch (shell) {
      case "bash" -> ctx.out().print(bash(root));
      case "zsh" -> ctx.out().print(zsh(root));
      case "fish" -> ctx.out().print(fish(root.getCommandSpec()));
      case "powershell", "pwsh" -> ctx.out().print(powershell(root.getCommandSpec()));
      default -> throw new CliException(ExitCode.USAGE, "unknown shell '" + Printable.echo(shell)
          + "': use bash, zsh, fish or powershell");
    }
    return ExitCode.OK.code();
  }

  /** Writes freeport.bash, _freeport (zsh), freeport.fish and freeport.ps1 into the folder args[0]. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/completion");
    Files.createDirectories(dir);
    CommandLine root = Command.commandLine();
    Files.writeString(dir.resolve("freeport.bash"), bash(root), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("_freeport"), zsh(root), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("freeport.fish"), fish(root.getCommandSpec()), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("freeport.ps1"), powershell(root.getCommandSpec()), StandardCharsets.UTF_8);
  }


  static String bash(CommandLine root) {
    return AutoComplete.bash("freeport", root);
  }

  /** picocli's bash script, which runs in zsh through bashcompinit. */
  static String zsh(CommandLine root) {
    return "#compdef freeport\nautoload -U +X compinit && compinit\n"
        + "autoload -U +X bashcompinit && bashcompinit\n" + bash(root);
  }

  /** fish: subcommands where none is given yet, then each command's options after it. */
  static String fish(CommandSpec root) {
    StringBuilder s = new StringBuilder("# fish completion for freeport, generated from its command model\n");
    s.append("complete -c freeport -f\n");
    String none = "__fish_use_subcommand";
    List<String> names = new ArrayList<>();
    subcommands(root).forEach(sub -> names.add(sub.name()));
    for (CommandSpec sub : subcommands(root)) {
      s.append("complete -c freeport -n ").append(none).append(" -a ").append(sub.name())
          .append(" -d ").append(fishQuote(first(sub.usageMessage().description()))).append('\n');
    }
    // The root's options also after a port (freeport 8080 --yes), but not after a subcommand.
    fishOptions(s, root, fishQuote("not __fish_seen_subcommand_from " + String.join(" ", names)));
    for (CommandSpec sub : subcommands(root)) {
      String after = fishQuote("__fish_seen_subcommand_from " + sub.name());
      fishOptions(s, sub, after);
      for (PositionalParamSpec p : sub.positionalParameters()) {
        if (p.completionCandidates() != null) {
          s.append("complete -c freeport -n ").append(after).append(" -a ")
              .append(fishQuote(String.join(" ", p.completionCandidates()))).append('\n');
        }
      }
    }
    return s.toString();
  }

  private static void fishOptions(StringBuilder s, CommandSpec spec, String condition) {
    for (OptionSpec o : spec.options()) {
      s.append("complete -c freeport -n ").append(condition);
      for (String name : o.names()) {
        s.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
      }
      if (o.arity().max() > 0) {
        s.append(" -r");
      }
      s.append(" -d ").append(fishQuote(first(o.description()))).append('\n');
    }
  }

  /** PowerShell: a native argument completer for freeport and freeport.cmd. */
  static String powershell(CommandSpec root) {
    StringBuilder s = new StringBuilder("# PowerShell completion for freeport, generated from its command model.\n"
        + "# Load it from your profile: . path\\to\\freeport.ps1\n");
    s.append("$freeportWords = @{\n");
    List<String> rootWords = new ArrayList<>();
    subcommands(root).forEach(sub -> rootWords.add(sub.name()));
    rootWords.addAll(optionNames(root));
    s.append("  '' = @(").append(psList(rootWords)).append(")\n");
    for (CommandSpec sub : subcommands(root)) {
      List<String> words = new ArrayList<>(optionNames(sub));
      for (PositionalParamSpec p : sub.positionalParameters()) {
        if (p.completionCandidates() != null) {
          p.completionCandidates().forEach(words::add);
        }
      }
      s.append("  '").append(sub.name()).append("' = @(").append(psList(words)).append(")\n");
    }
    s.append("}\n");
    s.append("Register-ArgumentCompleter -Native -CommandName freeport, freeport.cmd -ScriptBlock {\n"
        + "  param($wordToComplete, $commandAst, $cursorPosition)\n"
        + "  $sub = ''\n"
        + "  foreach ($e in $commandAst.CommandElements | Select-Object -Skip 1) {\n"
        + "    $t = $e.ToString()\n"
        + "    if ($t -ne $wordToComplete -and $freeportWords.ContainsKey($t)) { $sub = $t; break }\n"
        + "  }\n"
        + "  $freeportWords[$sub] | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n"
        + "    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n"
        + "  }\n"
        + "}\n");
    return s.toString();
  }

  private static List<CommandSpec> subcommands(CommandSpec root) {
    List<CommandSpec> out = new ArrayList<>();
    root.subcommands().values().forEach(cl -> out.add(cl.getCommandSpec()));
    return out;
  }

  private static List<String> optionNames(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      out.add(o.longestName());
    }
    return out;
  }

  private static String first(String[] description) {
    if (description.length == 0) {
      return "";
    }
    String d = description[0];
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  private static String fishQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String psList(List<String> words) {
    StringBuilder s = new StringBuilder();
    for (String w : words) {
      s.append(s.length() == 0 ? "" : ", ").append('\'').append(w.replace("'", "''")).append('\'');
    }
    return s.toString();
  }
}
