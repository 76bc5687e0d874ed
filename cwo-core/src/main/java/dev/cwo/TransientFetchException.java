package dev.cwo;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass: an I/O error, a timeout, a 429, a 5xx, or a one-off "Human
 * Verification" page. Retried with backoff; recorded in the failure journal only when retries run
 * out.
 */
public class TransientFetchException extends FetchException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  public TransientFetchException(String message, URI uri, int status, Duration retryAfter, Throwable cause) {
    super(message, uri, status, cause);
    this.retryAfter = retryAfter;
  }

  public TransientFetchException(String message, URI uri, int status) {
    this(message, uri, status, null, null);
  }

  /** How long the site asked us to wait ({@code Retry-After}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
