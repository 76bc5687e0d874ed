package dev.cwo.net;

import dev.cwo.FetchException;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.PermanentFetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.net.internal.CookieJarSession;
import dev.cwo.net.internal.SameHostRedirectStrategy;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The default {@link FetchClient}: Apache HttpClient 5 (classic API) with a pool of keep-alive
 * connections, gzip, deflate and brotli decompression, browser-like default headers, a cap on body size and a
 * cookie jar per {@link FetchSession}.
 *
 * <p>Thread-safe: share one instance among all workers. Redirects are followed only within the
 * same host (another host's redirect comes back as the 3xx answer); TLS certificates and host
 * names are verified. Cookies the caller supplies go into every session, and only to their own
 * domain; cookie values are never logged. HttpClient's own retries are off: retrying is the
 * caller's policy.
 *
 * <pre>{@code
 * try (HttpClient5FetchClient client = HttpClient5FetchClient.builder()
 *     .maxConnectionsPerRoute(8)
 *     .responseTimeout(Duration.ofSeconds(20))
 *     .cookie("www.customwheeloffset.com", "aws-waf-token", token)
 *     .build()) {
 *   FetchResponse r = client.fetch(FetchRequest.get(URI.create("https://example.com/"), "probe"));
 * }
 * }</pre>
 */
public final class HttpClient5FetchClient implements FetchClient {

  /** The default desktop Chrome User-Agent. */
  public static final String DEFAULT_USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient http;
  private final Map<String, String> defaultHeaders;
  private final List<UserCookie> callerCookies;
  private final long maxBodyBytes;
  private final int maxConnectionsPerRoute;

  private HttpClient5FetchClient(Builder b) {
    this.defaultHeaders = Map.copyOf(b.headers);
    this.callerCookies = List.copyOf(b.cookies);
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxConnectionsPerRoute = b.maxConnectionsPerRoute;
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(b.maxConnectionsTotal)
            .setMaxConnPerRoute(b.maxConnectionsPerRoute)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(b.connectTimeout))
                    .setSocketTimeout(Timeout.of(b.responseTimeout))
                    .setTimeToLive(TimeValue.of(b.connectionTimeToLive))
                    .build())
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setConnectionManagerShared(false)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(b.responseTimeout))
                    .setResponseTimeout(Timeout.of(b.responseTimeout))
                    .setCookieSpec(StandardCookieSpec.RELAXED)
                    .setRedirectsEnabled(true)
                    .setMaxRedirects(5)
                    .build())
            .setRedirectStrategy(new SameHostRedirectStrategy())
            .setUserAgent(b.headers.getOrDefault("User-Agent", DEFAULT_USER_AGENT))
            .disableAutomaticRetries()
            .evictExpiredConnections()
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public FetchSession newSession() {
    return new CookieJarSession(this, seedCookies());
  }

  @Override
  public FetchResponse fetch(FetchRequest request) {
    Objects.requireNonNull(request, "request");
    URI uri = request.uri();
    CookieStore store = storeFor(request.session());
    HttpGet get = new HttpGet(uri);
    defaultHeaders.forEach(get::setHeader);
    request.headers().forEach(get::setHeader);
    HttpClientContext context = HttpClientContext.create();
    context.setCookieStore(store);
    context.setAttribute(SameHostRedirectStrategy.ORIGIN_HOST, uri.getHost());
    try {
      return http.execute(get, context, response -> toFetchResponse(uri, get, context, response));
    } catch (FetchException e) {
      throw e;
    } catch (IOException e) {
      throw new TransientFetchException(
          "no complete answer from " + uri + ": " + e.getClass().getSimpleName() + ": "
              + e.getMessage() + "; retrying may help",
          uri, -1, null, e);
    }
  }

  /**
   * Sends every request (several at once, up to the per-route connection limit) and returns what
   * each came to, in the order given. Never throws for one request's failure.
   */
  public List<FetchOutcome> fetchAll(List<FetchRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    if (requests.isEmpty()) {
      return List.of();
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.min(requests.size(), maxConnectionsPerRoute),
            r -> {
              Thread t = new Thread(r, "cwo-fetchAll-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<FetchOutcome>> futures = new ArrayList<>();
      for (FetchRequest request : requests) {
        Objects.requireNonNull(request, "requests contains null");
        futures.add(executor.submit(() -> outcomeOf(request)));
      }
      List<FetchOutcome> outcomes = new ArrayList<>(requests.size());
      for (Future<FetchOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("unexpected failure in fetchAll", e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private FetchOutcome outcomeOf(FetchRequest request) {
    try {
      return new FetchOutcome(request, fetch(request), null);
    } catch (FetchException e) {
      return new FetchOutcome(request, null, e);
    }
  }

  /** The connection pool's current state. */
  public FetchPoolStats poolStats() {
    PoolStats s = pool.getTotalStats();
    return new FetchPoolStats(s.getLeased(), s.getAvailable(), s.getPending(), s.getMax());
  }

  /** Closes the HTTP client and its connection pool. */
  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
    pool.close(CloseMode.GRACEFUL);
  }

  private CookieStore storeFor(FetchSession session) {
    if (session == null) {
      BasicCookieStore fresh = new BasicCookieStore();
      seedCookies().forEach(fresh::addCookie);
      return fresh;
    }
    if (session instanceof CookieJarSession jar && jar.owner() == this) {
      return jar.store();
    }
    throw new IllegalArgumentException(
        "session " + session + " was not made by this client's newSession()");
  }

  private List<Cookie> seedCookies() {
    List<Cookie> cookies = new ArrayList<>(callerCookies.size());
    for (UserCookie c : callerCookies) {
      cookies.add(CookieJarSession.toClientCookie(c));
    }
    return cookies;
  }

  private FetchResponse toFetchResponse(
      URI uri, HttpGet get, HttpClientContext context, ClassicHttpResponse response)
      throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      headers
          .computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.getValue());
    }
    byte[] body = readCapped(uri, get, response.getEntity());
    URI finalUri = uri;
    RedirectLocations redirects = context.getRedirectLocations();
    if (redirects != null && redirects.size() > 0) {
      finalUri = redirects.get(redirects.size() - 1);
    }
    return new FetchResponse(finalUri, response.getCode(), headers, body);
  }

  private byte[] readCapped(URI uri, HttpGet get, HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    long declared = entity.getContentLength();
    if (declared > maxBodyBytes) {
      get.cancel();
      throw oversize(uri, declared + " bytes declared");
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.max(256, Math.min(declared, 64 * 1024)));
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return new byte[0];
      }
      byte[] buffer = new byte[8192];
      long total = 0;
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
        if (total > maxBodyBytes) {
          get.cancel(); // drop the connection instead of draining the rest of the body
          throw oversize(uri, "more than " + maxBodyBytes + " bytes received");
        }
        out.write(buffer, 0, read);
      }
    }
    return out.toByteArray();
  }

  private PermanentFetchException oversize(URI uri, String what) {
    return new PermanentFetchException(
        "answer from " + uri + " is larger than the limit of " + maxBodyBytes + " bytes (" + what
            + "); raise maxBodyBytes if such answers are expected",
        uri, 200);
  }

  /**
   * Settings of an {@link HttpClient5FetchClient}. Not thread-safe; {@link #build()} checks every
   * setting and names each bad one.
   */
  public static final class Builder {
    private int maxConnectionsTotal = 64;
    private int maxConnectionsPerRoute = 16;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private Duration connectionTimeToLive = Duration.ofMinutes(5);
    private long maxBodyBytes = 16L * 1024 * 1024;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<UserCookie> cookies = new ArrayList<>();
    private final List<String> badCookies = new ArrayList<>();

    private Builder() {
      headers.put("User-Agent", DEFAULT_USER_AGENT);
      headers.put(
          "Accept",
          "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.9,*/*;q=0.8");
      headers.put("Accept-Language", "en-US,en;q=0.9");
      headers.put("Referer", "https://www.customwheeloffset.com/");
      headers.put("Origin", "https://www.customwheeloffset.com");
    }

    /** Connections the pool holds at most, all hosts together; default 64. */
    public Builder maxConnectionsTotal(int n) {
      this.maxConnectionsTotal = n;
      return this;
    }

    /** Connections per host (route) at most; default 16. */
    public Builder maxConnectionsPerRoute(int n) {
      this.maxConnectionsPerRoute = n;
      return this;
    }

    /** How long to wait for a TCP (and TLS) connection; default 10 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** How long to wait for data on an open connection (socket timeout); default 30 s. */
    public Builder responseTimeout(Duration d) {
      this.responseTimeout = d;
      return this;
    }

    /** How long a pooled connection lives at most; default 5 min. */
    public Builder connectionTimeToLive(Duration d) {
      this.connectionTimeToLive = d;
      return this;
    }

    /** The largest body accepted, in bytes after decompression; default 16 MiB. */
    public Builder maxBodyBytes(long n) {
      this.maxBodyBytes = n;
      return this;
    }

    /**
     * Sets a default request header, replacing a default of the same name (case-insensitive).
     * Defaults: a desktop Chrome {@code User-Agent}, {@code Accept}, {@code Accept-Language}, and
     * {@code Referer}/{@code Origin} of customwheeloffset.com. A request's own headers win.
     */
    public Builder defaultHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /** Removes a default request header (case-insensitive). */
    public Builder removeDefaultHeader(String name) {
      Objects.requireNonNull(name, "name");
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      return this;
    }

    /**
     * Adds a cookie the caller holds (for instance a browser's {@code aws-waf-token}) to every
     * session, sent only to {@code domain} (an exact host name).
     */
    public Builder cookie(String domain, String name, String value) {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (domain.isBlank() || domain.contains("/") || domain.contains(":") || name.isBlank()) {
        badCookies.add("cookie domain must be a host name and name must not be blank, was \""
            + domain + "\" for " + name);
        return this;
      }
      cookies.add(new UserCookie(name, value, domain, true, "/", false, null));
      return this;
    }

    /**
     * Adds cookies the user exported from a browser (see {@link CookieFiles}) to every session;
     * each goes only to its domain (a domain cookie also to subdomains, a host-only cookie to its
     * host alone), under its path, over HTTPS only when secure, and not after it expires.
     */
    public Builder cookies(Collection<UserCookie> userCookies) {
      Objects.requireNonNull(userCookies, "cookies");
      userCookies.forEach(c -> cookies.add(Objects.requireNonNull(c, "cookies contains null")));
      return this;
    }

    public HttpClient5FetchClient build() {
      List<String> problems = new ArrayList<>();
      if (maxConnectionsTotal < 1) {
        problems.add("maxConnectionsTotal must be at least 1, was " + maxConnectionsTotal);
      }
      if (maxConnectionsPerRoute < 1) {
        problems.add("maxConnectionsPerRoute must be at least 1, was " + maxConnectionsPerRoute);
      } else if (maxConnectionsPerRoute > maxConnectionsTotal && maxConnectionsTotal >= 1) {
        problems.add(
            "maxConnectionsPerRoute (" + maxConnectionsPerRoute
                + ") must not exceed maxConnectionsTotal (" + maxConnectionsTotal + ")");
      }
      checkPositive(problems, "connectTimeout", connectTimeout);
      checkPositive(problems, "responseTimeout", responseTimeout);
      checkPositive(problems, "connectionTimeToLive", connectionTimeToLive);
      if (maxBodyBytes < 1) {
        problems.add("maxBodyBytes must be at least 1, was " + maxBodyBytes);
      }
      headers.forEach(
          (k, v) -> {
            if (k.isBlank()) {
              problems.add("defaultHeader name must not be blank");
            }
          });
      problems.addAll(badCookies);
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("HttpClient5FetchClient settings", problems);
      }
      return new HttpClient5FetchClient(this);
    }

    private static void checkPositive(List<String> problems, String name, Duration d) {
      if (d == null) {
        problems.add(name + " must be set");
      } else if (d.isNegative() || d.isZero()) {
        problems.add(name + " must be positive, was " + d);
      }
    }
  }
}
