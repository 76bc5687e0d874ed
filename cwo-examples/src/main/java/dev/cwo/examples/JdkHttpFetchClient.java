package dev.cwo.examples;

import dev.cwo.PermanentFetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An example of swapping the {@link FetchClient}: one built on the JDK's own {@code
 * java.net.http.HttpClient}, with an optional HTTP proxy. It passes cwo-testkit's {@code
 * FetchClientContract}, so the processor and {@code CwoFitmentSource} work with it unchanged.
 *
 * <p>Thread-safe. Each {@link FetchSession} keeps its cookies in its own {@link CookieManager};
 * the caller's cookie goes to its one host only. Bodies are read up to a cap.
 *
 * <pre>{@code
 * FetchClient http = new JdkHttpFetchClient(new InetSocketAddress("proxy.example", 3128), 16 << 20, null);
 * CwoFitmentSource site = CwoFitmentSource.builder().fetchClient(http).build();
 * }</pre>
 */
public final class JdkHttpFetchClient implements FetchClient {
  private final HttpClient client;
  private final long maxBodyBytes;
  private final CallerCookie cookie;

  /** A cookie the caller hands in (for instance a browser's token), sent to {@code host} only. */
  public record CallerCookie(String host, String name, String value) {
    @Override
    public String toString() {
      return "CallerCookie[" + name + " for " + host + "]"; // never the value
    }
  }

  /**
   * @param proxy an HTTP proxy to go through, or {@code null} for a direct connection
   * @param maxBodyBytes the largest body accepted
   * @param cookie a cookie to send to its host, or {@code null}
   */
  public JdkHttpFetchClient(InetSocketAddress proxy, long maxBodyBytes, CallerCookie cookie) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER);
    if (proxy != null) b.proxy(ProxySelector.of(proxy));
    this.client = b.build();
    this.maxBodyBytes = maxBodyBytes;
    this.cookie = cookie;
  }

  private static final class Session implements FetchSession {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    @Override
    public void close() {
      cookies.getCookieStore().removeAll();
    }
  }

  @Override
  public FetchSession newSession() {
    return new Session();
  }

  @Override
  public FetchResponse fetch(FetchRequest request) {
    URI uri = request.uri();
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    request.headers().forEach(b::header);
    Session session = request.session() instanceof Session s ? s : null;
    try {
      StringBuilder cookieHeader = new StringBuilder();
      if (session != null) {
        for (String c : session.cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of())) append(cookieHeader, c);
      }
      if (cookie != null && cookie.host().equalsIgnoreCase(uri.getHost())) {
        append(cookieHeader, cookie.name() + "=" + cookie.value());
      }
      if (cookieHeader.length() > 0) b.header("Cookie", cookieHeader.toString());
      HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      Map<String, List<String>> headers = new HashMap<>();
      response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      if (session != null) session.cookies.put(uri, response.headers().map());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      }
      if (body.length > maxBodyBytes) {
        throw new PermanentFetchException(
            "the body from " + uri + " is larger than the cap of " + maxBodyBytes + " bytes", uri, response.statusCode());
      }
      return new FetchResponse(response.uri(), response.statusCode(), headers, body);
    } catch (IOException e) {
      throw new TransientFetchException("no answer from " + uri + ": " + e, uri, -1, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFetchException("interrupted while fetching " + uri, uri, -1, null, e);
    }
  }

  private static void append(StringBuilder header, String cookie) {
    if (header.length() > 0) header.append("; ");
    header.append(cookie);
  }

  /** The JDK client has nothing to close before Java 21; its threads end with it. */
  @Override
  public void close() {}
}
