package dev.cwo.net.internal;

import dev.cwo.BlockedException;
import dev.cwo.PermanentFetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts every answer of the site into usable or one failure, and remembers per host how often in
 * a row the bot wall answered.
 *
 * <p>Rules, in order: the bot wall (title exactly {@code Human Verification} on any status, or an
 * {@code x-amzn-waf-action} header) is transient for the first {@code wallThreshold - 1} walls in a
 * row from a host, then a {@link BlockedException}, after which {@link #checkNotBlocked} refuses
 * every request to that host without sending it. A usable answer from a host resets its streak.
 * 429 and 503 (with {@code Retry-After} in seconds or as an HTTP date), other 5xx, and 403 are
 * transient; 404 and other 4xx (and redirects that were not followed) are permanent. A 2xx body
 * {@code {"message":"Forbidden"}} is treated like a 403.
 *
 * <p>Hosts are told apart by authority ({@code host:port}). Thread-safe.
 */
public final class ResponseClassifier {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseClassifier.class);
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern FORBIDDEN_JSON =
      Pattern.compile("\\A\\s*\\{\\s*\"message\"\\s*:\\s*\"Forbidden\"\\s*}\\s*\\z");

  private final int wallThreshold;
  private final Clock clock;
  private final ConcurrentMap<String, AtomicInteger> wallStreaks = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BlockedException> blocked = new ConcurrentHashMap<>();

  /**
   * @param wallThreshold consecutive wall answers from one host that make it blocked (at least 1)
   * @param clock the clock that HTTP-date {@code Retry-After} values are measured against
   */
  public ResponseClassifier(int wallThreshold, Clock clock) {
    if (wallThreshold < 1) {
      throw new IllegalArgumentException("wallThreshold must be at least 1, was " + wallThreshold);
    }
    this.wallThreshold = wallThreshold;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The host key of a URI: {@code host:port}. */
  public static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** Throws the host's {@link BlockedException} if the wall blocked it; sends nothing. */
  public void checkNotBlocked(URI uri) {
    BlockedException b = blocked.get(hostOf(uri));
    if (b != null) {
      throw new BlockedException(b.host(), uri, b.status());
    }
  }

  /** Whether the wall has blocked the host of {@code uri}. */
  public boolean isBlocked(URI uri) {
    return blocked.containsKey(hostOf(uri));
  }

  /**
   * Returns normally when {@code response} is a usable 2xx answer; throws the failure it stands
   * for otherwise.
   */
  public void classify(FetchResponse response) {
    URI uri = response.uri();
    String host = hostOf(uri);
    int status = response.status();
    if (isWall(response)) {
      int streak = wallStreaks.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      if (streak >= wallThreshold) {
        BlockedException e = new BlockedException(host, uri, status);
        if (blocked.putIfAbsent(host, e) == null) {
          LOG.warn("bot wall of {} answered {} times in a row: no more requests go there", host,
              streak);
        }
        throw e;
      }
      throw new TransientFetchException(
          "bot wall (\"Human Verification\") of " + host + " answered " + uri + " (HTTP " + status
              + "), " + streak + " of " + wallThreshold + " in a row before the host counts as"
              + " blocked",
          uri, status);
    }
    if (status >= 200 && status < 300) {
      if (isForbiddenBody(response)) {
        throw new TransientFetchException(
            "the site answered {\"message\":\"Forbidden\"} for " + uri + " (HTTP " + status
                + "); may be a soft block",
            uri, status);
      }
      AtomicInteger streak = wallStreaks.get(host);
      if (streak != null) {
        streak.set(0);
      }
      return;
    }
    String excerpt = dev.cwo.MalformedResponseException.excerpt(response.bodyText());
    if (status == 429 || status == 503) {
      Duration retryAfter = retryAfter(response).orElse(null);
      throw new TransientFetchException(
          "HTTP " + status + " from " + uri
              + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + ": " + excerpt,
          uri, status, retryAfter, null);
    }
    if (status >= 500) {
      throw new TransientFetchException("HTTP " + status + " from " + uri + ": " + excerpt, uri,
          status);
    }
    if (status == 403) {
      throw new TransientFetchException(
          "HTTP 403 from " + uri + " (may be a soft block): " + excerpt, uri, status);
    }
    if (status == 404) {
      throw new PermanentFetchException(
          "HTTP 404 from " + uri + ": the site does not know this name", uri, status);
    }
    throw new PermanentFetchException(
        "HTTP " + status + " from " + uri + " is not a usable answer: " + excerpt, uri, status);
  }

  /** The {@code Retry-After} of an answer, in seconds or as an HTTP date; never negative. */
  public Optional<Duration> retryAfter(FetchResponse response) {
    Optional<String> value = response.header("retry-after");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = parseRetryAfter(value.get(), clock.instant());
    if (d.isEmpty()) {
      LOG.debug("ignoring unreadable Retry-After \"{}\" from {}", value.get(), response.uri());
    }
    return d;
  }

  /**
   * Reads a {@code Retry-After} value, delta-seconds or an RFC 1123 HTTP date measured against
   * {@code now}; never negative, empty when unreadable.
   */
  public static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static boolean isWall(FetchResponse response) {
    if (response.header("x-amzn-waf-action").isPresent()) {
      return true;
    }
    String body = response.bodyText();
    if (body.indexOf('<') < 0) {
      return false;
    }
    Matcher m = TITLE.matcher(body);
    return m.find() && m.group(1).trim().equals("Human Verification");
  }

  private static boolean isForbiddenBody(FetchResponse response) {
    byte[] body = response.body();
    return body.length < 64 && FORBIDDEN_JSON.matcher(response.bodyText()).matches();
  }

  @Override
  public String toString() {
    return "ResponseClassifier[wallThreshold=" + wallThreshold + ", blocked="
        + blocked.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList() + "]";
  }
}
