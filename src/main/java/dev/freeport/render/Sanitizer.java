package dev.freeport.render;

import dev.freeport.core.text.Printable;

/**
 * The renderer's name for {@link Printable#clean}: every name, command line or message that
 * came from another process goes through it before it is printed.
 */
public final class Sanitizer {
  private Sanitizer() {}

  /** See {@link Printable#clean}. */
  public static String clean(String s) {
    return Printable.clean(s);
  }
}
