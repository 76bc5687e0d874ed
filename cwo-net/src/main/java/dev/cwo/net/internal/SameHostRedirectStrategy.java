package dev.cwo.net.internal;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Follows a redirect only when it stays on the host first asked for (the context attribute
 * {@link #ORIGIN_HOST}); a redirect elsewhere is returned to the caller as the 3xx answer.
 *
 * <p>Stateless and thread-safe.
 */
public final class SameHostRedirectStrategy extends DefaultRedirectStrategy {

  /** Context attribute holding the host name of the first request. */
  public static final String ORIGIN_HOST = "dev.cwo.net.origin-host";

  @Override
  public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context)
      throws ProtocolException {
    if (!super.isRedirected(request, response, context)) {
      return false;
    }
    Header location = response.getFirstHeader("Location");
    Object origin = context.getAttribute(ORIGIN_HOST);
    if (location == null || origin == null) {
      return false;
    }
    try {
      URI target = new URI(location.getValue().trim());
      return target.getHost() == null || target.getHost().equalsIgnoreCase(origin.toString());
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
