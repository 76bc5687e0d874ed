package dev.cwo;

/**
 * The store could not do what was asked: the database is closed or unreachable, the disk is full,
 * the schema is from a newer version, a value does not fit. No partial batch is left behind.
 */
public class StoreException extends CwoException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
