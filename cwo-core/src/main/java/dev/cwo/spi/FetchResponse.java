package dev.cwo.spi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP answer, whatever its status.
 *
 * <p>Immutable by convention (the body array is not copied: do not modify it).
 *
 * @param uri the URL finally answered (after redirects)
 * @param status the HTTP status
 * @param headers response headers, names in lower case
 * @param body the decoded (decompressed) body
 */
public record FetchResponse(URI uri, int status, Map<String, List<String>> headers, byte[] body) {

  public FetchResponse {
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** The first value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
