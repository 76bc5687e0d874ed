package dev.cwo.net;

import dev.cwo.InvalidConfigurationException;
import dev.cwo.TransientFetchException;
import dev.cwo.net.internal.HostGate;
import dev.cwo.net.internal.ResponseClassifier;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.MetricTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link FetchClient} decorator that keeps every host polite: per host, a concurrency limit, a
 * smooth rate limit that adapts to how the host copes, and a pause whenever the host answers
 * {@code Retry-After}.
 *
 * <p><b>Where it sits.</b> The whole stack, from the caller inward, for each attempt:
 *
 * <ol>
 *   <li>retry ({@code CwoFitmentSource}'s Failsafe policy: exponential backoff with jitter,
 *       {@code Retry-After} honoured) wraps everything below, so <em>every attempt</em>, retries
 *       included, passes the gates below exactly once;
 *   <li>circuit breaker for the bot wall ({@code CwoFitmentSource}'s classifier: a blocked host is
 *       refused before it costs a rate permit or a connection);
 *   <li>this decorator: <b>concurrency limit</b> (at most {@link Builder#maxConcurrentPerHost} in
 *       flight per host, fair), then <b>rate limit</b> (the request waits for its own send slot,
 *       {@code 1 / rate} seconds after the previous request to the host; no bursts);
 *   <li>timeouts (the delegate's connect and response timeouts).
 * </ol>
 *
 * <p>The slot is taken <em>inside</em> the concurrency slot on purpose: a request sends the moment
 * its rate slot comes, so the host never sees more than the rate in any second, however long
 * requests queue for a connection. (Taking the rate permit first and then queueing for a slot would
 * let queued permits go out in a burst.)
 *
 * <p><b>Adaptive rate.</b> Each host starts at the ceiling. A 429 halves the host's rate (at most
 * once per {@link Builder#adjustInterval}); so do 503s once they are more than 15 % of the host's
 * recent answers (about the last 50; scattered 503s from a flaky backend are retried without
 * slowing the scrape), and so does a latency that rises above
 * {@link Builder#latencyFactor} times the host's long-run average. While answers are healthy the
 * rate climbs back by {@link Builder#increaseStep} per interval, never above the ceiling nor below
 * {@link Builder#minRequestsPerSecondPerHost}. A {@code Retry-After} (seconds or HTTP date) on any
 * answer pauses <em>all</em> requests to that host until then (capped at {@link Builder#maxPause}).
 * The current rate of each host is a gauge {@code net.host.<host>.requests-per-minute} on the
 * metric tracker and readable through {@link #currentRate(String)}. The ceiling itself can be
 * changed while requests flow with {@link #ceiling(double)} (a fleet of processes sharing one
 * budget does so on each heartbeat).
 *
 * <p>Thread-safe: share one instance among all workers. Hosts are told apart by authority
 * ({@code host:port}). Closing it closes the delegate.
 *
 * <pre>{@code
 * FetchClient http = PoliteFetchClient.builder()
 *     .delegate(HttpClient5FetchClient.builder().build())
 *     .requestsPerSecondPerHost(5)
 *     .maxConcurrentPerHost(4)
 *     .build();
 * CwoFitmentSource site = CwoFitmentSource.builder().fetchClient(http).build();
 * }</pre>
 */
public final class PoliteFetchClient implements FetchClient {

  /** Waits a number of nanoseconds of the ticker's time; the default sleeps the thread. */
  @FunctionalInterface
  public interface Sleeper {
    /** Returns after {@code nanos} nanoseconds have passed on the ticker. */
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final FetchClient delegate;
  private final int maxConcurrent;
  private final HostGate.Tuning tuning;
  private final LongSupplier ticker;
  private final Sleeper sleeper;
  private final Clock clock;
  private final MetricTracker metrics;
  private final ConcurrentMap<String, HostGate> gates = new ConcurrentHashMap<>();
  private final Object ceilingLock = new Object();
  private volatile double ceiling;

  private PoliteFetchClient(Builder b) {
    this.delegate = b.delegate;
    this.maxConcurrent = b.maxConcurrentPerHost;
    this.tuning =
        new HostGate.Tuning(
            b.requestsPerSecond,
            Math.min(b.minRequestsPerSecond, b.requestsPerSecond),
            b.adaptive,
            b.decreaseFactor,
            b.increaseStep > 0 ? b.increaseStep : b.requestsPerSecond / 10,
            b.adjustInterval.toNanos(),
            b.latencyFactor,
            b.maxPause.toNanos());
    this.ticker = b.ticker;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.metrics = MetricTracker.guarded(b.metrics);
    this.ceiling = b.requestsPerSecond;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public FetchSession newSession() {
    return delegate.newSession();
  }

  @Override
  public FetchResponse fetch(FetchRequest request) {
    Objects.requireNonNull(request, "request");
    HostGate gate = gate(ResponseClassifier.hostOf(request.uri()));
    try {
      gate.enter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFetchException(
          "interrupted while waiting for a turn at " + gate.host(), request.uri(), -1, null, e);
    }
    try {
      long start = ticker.getAsLong();
      FetchResponse response = delegate.fetch(request);
      observe(gate, response, ticker.getAsLong() - start);
      return response;
    } finally {
      gate.release();
    }
  }

  private void observe(HostGate gate, FetchResponse response, long latencyNanos) {
    int status = response.status();
    Optional<Duration> retryAfter =
        response.header("retry-after")
            .flatMap(v -> ResponseClassifier.parseRetryAfter(v, clock.instant()));
    if (status == 429) {
      gate.overloaded(retryAfter.map(Duration::toNanos).orElse(-1L));
      metrics.count("net.overloaded", 1);
    } else if (status == 503) {
      gate.unavailable(retryAfter.map(Duration::toNanos).orElse(-1L));
      metrics.count("net.overloaded", 1);
    } else if (retryAfter.isPresent()) {
      gate.overloaded(retryAfter.get().toNanos()); // e.g. a 301/5xx with Retry-After: still wait
    } else if (status >= 200 && status < 300) {
      gate.healthy(latencyNanos);
    }
  }

  private HostGate gate(String host) {
    HostGate gate = gates.get(host);
    if (gate != null) {
      return gate;
    }
    boolean[] created = new boolean[1];
    gate = gates.computeIfAbsent(
        host,
        h -> {
          HostGate g = new HostGate(h, maxConcurrent, tuning, ticker, sleeper::sleepNanos);
          metrics.gauge("net.host." + h + ".requests-per-minute",
              () -> Math.round(g.rate() * 60));
          created[0] = true;
          return g;
        });
    if (created[0]) {
      synchronized (ceilingLock) {
        if (gate.ceiling() != ceiling) gate.ceiling(ceiling); // changed at run time before this host
      }
    }
    return gate;
  }

  /**
   * Changes the ceiling of requests per second to each host at run time, for example to this
   * process's share of a rate budget split across a fleet of processes. A cut takes effect at
   * once, also for requests already waiting for their turn; a raise lifts hosts that were at the
   * old ceiling, while hosts that backed off climb as usual. Thread-safe.
   *
   * @param requestsPerSecond the new ceiling, positive and finite
   * @throws IllegalArgumentException naming the bad value
   */
  public void ceiling(double requestsPerSecond) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "requestsPerSecondPerHost must be positive and finite, was " + requestsPerSecond);
    }
    synchronized (ceilingLock) {
      ceiling = requestsPerSecond;
      for (HostGate g : gates.values()) g.ceiling(requestsPerSecond);
    }
  }

  /** The current ceiling of requests per second to each host (see {@link #ceiling(double)}). */
  public double ceiling() {
    return ceiling;
  }

  /**
   * The current rate of a host ({@code host} or {@code host:port}) in requests per second: the
   * ceiling for a host not contacted yet.
   */
  public double currentRate(String host) {
    HostGate g = gates.get(Objects.requireNonNull(host, "host"));
    return g == null ? ceiling : g.rate();
  }

  /** Closes the delegate. */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "PoliteFetchClient[" + ceiling + " req/s, " + maxConcurrent
        + " concurrent per host, hosts=" + gates.values() + "]";
  }

  /**
   * Settings of a {@link PoliteFetchClient}. Not thread-safe; {@link #build()} checks every setting
   * and names each bad one.
   */
  public static final class Builder {
    private FetchClient delegate;
    private double requestsPerSecond = 5;
    private double minRequestsPerSecond = 0.2;
    private int maxConcurrentPerHost = 4;
    private boolean adaptive = true;
    private double decreaseFactor = 0.5;
    private double increaseStep = 0;
    private Duration adjustInterval = Duration.ofSeconds(1);
    private double latencyFactor = 3;
    private Duration maxPause = Duration.ofMinutes(2);
    private LongSupplier ticker = System::nanoTime;
    private Sleeper sleeper = TimeUnit.NANOSECONDS::sleep;
    private Clock clock = Clock.systemUTC();
    private MetricTracker metrics = MetricTracker.noop();

    private Builder() {}

    /** The client that sends the requests (required; closed with this one). */
    public Builder delegate(FetchClient client) {
      this.delegate = Objects.requireNonNull(client, "delegate");
      return this;
    }

    /** The ceiling of requests per second to any one host; default 5 (polite to the real site). */
    public Builder requestsPerSecondPerHost(double rate) {
      this.requestsPerSecond = rate;
      return this;
    }

    /** The adaptive rate's floor per host; default 0.2 req/s (never above the ceiling). */
    public Builder minRequestsPerSecondPerHost(double rate) {
      this.minRequestsPerSecond = rate;
      return this;
    }

    /** Requests in flight to one host at most; default 4. */
    public Builder maxConcurrentPerHost(int n) {
      this.maxConcurrentPerHost = n;
      return this;
    }

    /** Whether the rate adapts to 429/503 and latency; default true (false: a fixed rate). */
    public Builder adaptive(boolean on) {
      this.adaptive = on;
      return this;
    }

    /** The factor the rate is multiplied by on backing off, in (0, 1); default 0.5. */
    public Builder decreaseFactor(double factor) {
      this.decreaseFactor = factor;
      return this;
    }

    /** Requests per second added per healthy interval; default a tenth of the ceiling. */
    public Builder increaseStep(double step) {
      this.increaseStep = step;
      return this;
    }

    /** The least time between two rate changes of a host; default 1 s. */
    public Builder adjustInterval(Duration d) {
      this.adjustInterval = Objects.requireNonNull(d, "adjustInterval");
      return this;
    }

    /** Backs off when recent latency exceeds this many times the long-run average; default 3. */
    public Builder latencyFactor(double factor) {
      this.latencyFactor = factor;
      return this;
    }

    /** The longest pause a {@code Retry-After} imposes on a host; default 2 min. */
    public Builder maxPause(Duration d) {
      this.maxPause = Objects.requireNonNull(d, "maxPause");
      return this;
    }

    /** Where request timings and the rate gauges go; default {@link MetricTracker#noop()}. */
    public Builder metricTracker(MetricTracker tracker) {
      this.metrics = Objects.requireNonNull(tracker, "metricTracker");
      return this;
    }

    /**
     * The time source (nanoseconds, like {@link System#nanoTime()}) and how to wait on it; tests
     * pass a fake pair. Defaults: {@code System::nanoTime} and sleeping the thread.
     */
    public Builder time(LongSupplier ticker, Sleeper sleeper) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock HTTP-date {@code Retry-After} values are read against; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PoliteFetchClient build() {
      List<String> problems = new ArrayList<>();
      if (delegate == null) {
        problems.add("delegate must be set");
      }
      if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        problems.add("requestsPerSecondPerHost must be positive and finite, was "
            + requestsPerSecond);
      }
      if (!(minRequestsPerSecond > 0)) {
        problems.add("minRequestsPerSecondPerHost must be positive, was " + minRequestsPerSecond);
      }
      if (maxConcurrentPerHost < 1) {
        problems.add("maxConcurrentPerHost must be at least 1, was " + maxConcurrentPerHost);
      }
      if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
        problems.add("decreaseFactor must be in (0, 1), was " + decreaseFactor);
      }
      if (increaseStep < 0 || Double.isNaN(increaseStep)) {
        problems.add("increaseStep must not be negative, was " + increaseStep);
      }
      if (adjustInterval.isNegative()) {
        problems.add("adjustInterval must not be negative, was " + adjustInterval);
      }
      if (!(latencyFactor > 1)) {
        problems.add("latencyFactor must be above 1, was " + latencyFactor);
      }
      if (maxPause.isNegative()) {
        problems.add("maxPause must not be negative, was " + maxPause);
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("PoliteFetchClient settings", problems);
      }
      return new PoliteFetchClient(this);
    }
  }
}
