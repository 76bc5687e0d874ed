package dev.cwo;

import java.net.URI;

/**
 * A request to the site did not give a usable answer. Subclasses say whether trying again can help:
 * {@link TransientFetchException} (yes), {@link MalformedResponseException} (yes: bodies arrive
 * truncated), {@link PermanentFetchException} (no, for this item), {@link BlockedException} (no:
 * stop talking to the host).
 */
public abstract class FetchException extends CwoException {
  private static final long serialVersionUID = 1L;
  private final transient URI uri;
  private final int status;

  protected FetchException(String message, URI uri, int status, Throwable cause) {
    super(message, cause);
    this.uri = uri;
    this.status = status;
  }

  /** The URL asked for, or {@code null} when not known. */
  public URI uri() {
    return uri;
  }

  /** The HTTP status received, or {@code -1} when no response arrived. */
  public int status() {
    return status;
  }

  /** Whether a later attempt at the same request may succeed. */
  public abstract boolean isRetryable();
}
