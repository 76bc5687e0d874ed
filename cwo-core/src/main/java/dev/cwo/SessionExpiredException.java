package dev.cwo;

import java.net.URI;

/**
 * A fitment page came back without the vehicle's ranges, which is how the site answers when the
 * session that holds the chosen vehicle has expired. The session is renewed and the page asked for
 * again.
 */
public class SessionExpiredException extends TransientFetchException {
  private static final long serialVersionUID = 1L;

  public SessionExpiredException(String message, URI uri, int status) {
    super(message, uri, status);
  }
}
