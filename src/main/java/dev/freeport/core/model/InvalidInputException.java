package dev.freeport.core.model;

/** Input the user gave cannot be understood; the message says why in one line. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
