package dev.cwo.net;

import dev.cwo.FetchException;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import java.util.Objects;

/**
 * What one request of {@link HttpClient5FetchClient#fetchAll} came to: an answer or a failure.
 *
 * <p>Immutable and thread-safe. Exactly one of {@code response} and {@code failure} is set.
 *
 * @param request the request
 * @param response the answer (any status), or {@code null} when the request failed
 * @param failure why no answer arrived, or {@code null} on success
 */
public record FetchOutcome(FetchRequest request, FetchResponse response, FetchException failure) {

  public FetchOutcome {
    Objects.requireNonNull(request, "request");
    if ((response == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of response and failure must be set");
    }
  }

  public boolean isSuccess() {
    return response != null;
  }
}
