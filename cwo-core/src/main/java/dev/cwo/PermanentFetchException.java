package dev.cwo;

import java.net.URI;

/**
 * The site refused one item for good (for instance a 404 for a name it listed itself). The item is
 * recorded in the failure journal and the run goes on.
 */
public class PermanentFetchException extends FetchException {
  private static final long serialVersionUID = 1L;

  public PermanentFetchException(String message, URI uri, int status) {
    super(message, uri, status, null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
