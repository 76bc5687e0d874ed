package dev.cwo.spi;

/**
 * Makes HTTP exchanges. Knows nothing of Custom Wheel Offset: it sends a GET, keeps cookies per
 * {@link FetchSession}, and hands back the answer whatever its status.
 *
 * <p>Implementations are thread-safe and pool their connections. The default is cwo-net's
 * {@code HttpClient5FetchClient}; decorators add retry, rate limiting and metrics.
 */
public interface FetchClient extends AutoCloseable {

  /** A new, empty cookie session. */
  FetchSession newSession();

  /**
   * Sends one request and returns the answer, whatever its HTTP status.
   *
   * @throws dev.cwo.TransientFetchException when no answer arrived (I/O error, reset, timeout)
   * @throws dev.cwo.FetchException for any other failure to get an answer
   */
  FetchResponse fetch(FetchRequest request);

  /** Releases the client's connections. */
  @Override
  void close();
}
