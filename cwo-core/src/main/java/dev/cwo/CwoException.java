package dev.cwo;

/**
 * The root of every exception cwo throws. Unchecked; each subclass's message says what happened, to
 * what, and what to do about it.
 */
public class CwoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CwoException(String message) {
    super(message);
  }

  public CwoException(String message, Throwable cause) {
    super(message, cause);
  }
}
