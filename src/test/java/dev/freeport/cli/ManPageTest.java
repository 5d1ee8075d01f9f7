package dev.freeport.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;

class ManPageTest {

  @Test
  void everyOptionAndExitCodeIsDocumented() throws Exception {
    String man = ManPage.render();
    assertTrue(man.startsWith(".TH FREEPORT 1 "), man);
    for (String section : new String[] {".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXIT STATUS", ".SH EXAMPLES"}) {
      assertTrue(man.contains(section), section);
    }
    for (OptionSpec o : CommandModel.root().options()) {
      assertTrue(man.contains(ManPage.escape(o.longestName())), o.longestName());
    }
    for (ExitCode c : ExitCode.values()) {
      assertTrue(man.contains(".TP\n.B " + c.code() + "\n"), "exit code " + c.code());
    }
  }

  @Test
  void roffSpecialsAreEscaped() {
    assertTrue(ManPage.escape(".hidden").startsWith("\\&."));
    assertTrue(ManPage.escape("a\\b").equals("a\\eb"));
    assertTrue(ManPage.escape("--yes").equals("\\-\\-yes"));
  }
}
