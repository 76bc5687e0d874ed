package dev.cwo.net.internal;

import dev.cwo.FetchException;
import dev.cwo.MetricNames;
import dev.cwo.SessionExpiredException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.MetricTracker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to the site: refuse a blocked host, fetch, classify, parse, all inside a Failsafe
 * {@link RetryPolicy}.
 *
 * <p>The policy retries retryable {@link FetchException}s (not {@link SessionExpiredException},
 * whose remedy is a new session, nor blocked or permanent failures), waiting
 * {@code initialDelay * 2^(attempt-1)} capped at {@code maxDelay}, spread by ± {@code jitter}; when
 * the site sent {@code Retry-After}, that is the wait instead (capped at {@code maxRetryAfter}).
 * Each attempt is timed as {@code site.<kind>} on the metric tracker, and counted by status class
 * and body bytes; retries are counted per kind and in total (names in {@link MetricNames}).
 * Thread-safe.
 */
public final class SiteCalls {
  private static final Logger LOG = LoggerFactory.getLogger(SiteCalls.class);

  private final FetchClient client;
  private final ResponseClassifier classifier;
  private final MetricTracker metrics;
  private final FailsafeExecutor<Object> failsafe;

  public SiteCalls(
      FetchClient client,
      ResponseClassifier classifier,
      MetricTracker metrics,
      int maxAttempts,
      Duration initialDelay,
      Duration maxDelay,
      double jitter,
      Duration maxRetryAfter) {
    this.client = Objects.requireNonNull(client, "client");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.metrics = MetricTracker.guarded(metrics);
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handleIf(SiteCalls::isRetryable)
            .withMaxAttempts(maxAttempts)
            .withDelayFn(
                ctx -> delay(ctx.getLastException(), ctx.getAttemptCount(), initialDelay, maxDelay,
                    jitter, maxRetryAfter))
            .onRetry(
                e -> {
                  LOG.debug("attempt {} failed, retrying: {}", e.getAttemptCount(),
                      e.getLastException() == null ? "" : e.getLastException().getMessage());
                  this.metrics.count(MetricNames.SITE_RETRIES, 1);
                })
            .build();
    this.failsafe = Failsafe.with(policy);
  }

  public ResponseClassifier classifier() {
    return classifier;
  }

  public MetricTracker metrics() {
    return metrics;
  }

  /** Fetches {@code request} and parses the usable answer, retrying as the policy allows. */
  public <T> T call(FetchRequest request, Function<FetchResponse, T> parse) {
    try {
      return failsafe.get(ctx -> {
        if (ctx.getAttemptCount() > 0) metrics.count(MetricNames.siteRetries(request.kind()), 1);
        return once(request, parse);
      });
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new TransientFetchException(
            "interrupted while fetching " + request.uri(), request.uri(), -1, null, cause);
      }
      throw new TransientFetchException(
          "fetching " + request.uri() + " failed: " + cause, request.uri(), -1, null, cause);
    }
  }

  private <T> T once(FetchRequest request, Function<FetchResponse, T> parse) {
    classifier.checkNotBlocked(request.uri());
    try (MetricTracker.Scope scope = metrics.start(MetricNames.siteRequest(request.kind()))) {
      try {
        FetchResponse response = client.fetch(request);
        metrics.count(MetricNames.siteStatus(request.kind(), response.status()), 1);
        metrics.count(MetricNames.siteBytes(request.kind()), response.body().length);
        classifier.classify(response);
        return parse.apply(response);
      } catch (RuntimeException e) {
        scope.failed(e);
        throw e;
      }
    }
  }

  static boolean isRetryable(Throwable e) {
    return e instanceof FetchException fe
        && fe.isRetryable()
        && !(e instanceof SessionExpiredException);
  }

  static Duration delay(
      Throwable last,
      int attempts,
      Duration initialDelay,
      Duration maxDelay,
      double jitter,
      Duration maxRetryAfter) {
    if (last instanceof TransientFetchException t && t.retryAfter().isPresent()) {
      Duration asked = t.retryAfter().get();
      return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }
    int exponent = Math.max(0, Math.min(30, attempts - 1));
    double base = Math.min(maxDelay.toNanos(), initialDelay.toNanos() * Math.pow(2, exponent));
    double spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    long nanos = (long) Math.min(maxDelay.toNanos(), Math.max(0, base * (1 + spread)));
    return Duration.ofNanos(nanos);
  }
}
