package dev.cwo.spi;

/**
 * A cookie jar for one conversation with the site (one vehicle's PHP session). Cookies set in
 * answers to requests made with a session are sent with its later requests, and never with another
 * session's. Cookies the caller supplied to the client (for instance a browser's token) are sent in
 * every session, to their own domain only.
 *
 * <p>Thread-safe: several requests may use one session at once.
 */
public interface FetchSession extends AutoCloseable {

  /** Forgets this session's cookies. */
  @Override
  void close();
}
