package dev.freeport.core.model;

/** How the OS decides whether two binds of one port conflict, as far as freeport's check needs. */
public enum BindSemantics {
  /**
   * Linux and Windows: a bind of a wildcard address fails while any socket is bound to the same
   * port on a specific address (Windows: the JDK binds with SO_EXCLUSIVEADDRUSE), so binding the
   * two wildcards covers every address.
   */
  WILDCARD_COVERS_ALL,
  /**
   * macOS and the BSDs: with SO_REUSEADDR a bind of {@code 0.0.0.0:P} succeeds while another
   * user's socket listens on {@code 127.0.0.1:P}, so the loopback addresses must be bound too.
   */
  SPECIFIC_MAY_HIDE
}
