package dev.freeport.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The C library's locales on this machine ({@code locale -a}). A test that needs one calls
 * {@link #require}: in CI ({@code CI=true}) a missing locale fails the test, as CI generates them
 * and a locale it cannot generate must not pass as a skip; elsewhere the test is skipped and the
 * missing locale named.
 */
public final class Locales {
  private static Set<String> installed;

  private Locales() {}

  /** Fails (in CI) or skips (elsewhere) unless the locale, e.g. {@code de_DE.UTF-8}, is installed. */
  public static void require(String locale) {
    boolean present = installed().contains(normal(locale));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("locale " + locale + " is not installed (locale -a); CI must generate it (locale-gen)");
    }
    assumeTrue(present, "locale " + locale + " is not installed (locale -a); generate it with locale-gen to run this test");
  }

  /** "de_DE.UTF-8" and "de_DE.utf8" are the same locale: glibc normalises the codeset that way. */
  static String normal(String locale) {
    int dot = locale.indexOf('.');
    if (dot < 0) {
      return locale;
    }
    String codeset = locale.substring(dot + 1).toLowerCase(Locale.ROOT).replace("-", "");
    return locale.substring(0, dot) + "." + codeset;
  }

  private static synchronized Set<String> installed() {
    if (installed == null) {
      Set<String> all = new HashSet<>();
      try {
        Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor(10, TimeUnit.SECONDS)) {
          for (String line : out.split("\n")) {
            all.add(normal(line.trim()));
          }
        }
      } catch (IOException e) {
        // no locale command: nothing is known to be installed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      installed = all;
    }
    return installed;
  }
}
