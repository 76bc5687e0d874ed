package dev.cwo.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP GET to make.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the full URL, already encoded
 * @param headers extra request headers (on top of the client's defaults)
 * @param session the cookie session to send and update, or {@code null} for none
 * @param kind a short label for metrics, e.g. {@code "models"} or {@code "fitment-page"}
 */
public record FetchRequest(URI uri, Map<String, String> headers, FetchSession session, String kind) {

  public FetchRequest {
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(kind, "kind");
  }

  /** A request without extra headers or session. */
  public static FetchRequest get(URI uri, String kind) {
    return new FetchRequest(uri, Map.of(), null, kind);
  }
}
