package dev.cwo.net;

import dev.cwo.FetchException;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.net.internal.FitmentPageParser;
import dev.cwo.net.internal.PathSegments;
import dev.cwo.net.internal.ResponseClassifier;
import dev.cwo.net.internal.SiteCalls;
import dev.cwo.net.internal.SiteJson;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.FitmentSession;
import dev.cwo.spi.FitmentSource;
import dev.cwo.spi.MetricTracker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * The default {@link FitmentSource}: Custom Wheel Offset's API host (JSON) and store host (HTML),
 * spoken exactly as {@code docs/site-protocol.md} pins it, over any {@link FetchClient}.
 *
 * <p>Thread-safe. Every request goes through one {@link ResponseClassifier} (bot wall, status
 * codes) and one Failsafe retry policy (exponential backoff with jitter, {@code Retry-After}
 * honoured); a host whose wall answered {@link Builder#wallThreshold} times in a row is blocked and
 * later requests to it fail at once with a {@link dev.cwo.BlockedException}. Option lists are
 * fetched once per vehicle type and cached. The source does not own the {@code FetchClient}: close
 * that yourself.
 *
 * <p>Politeness (per-host rate and concurrency limits, {@code Retry-After} pausing a whole host,
 * the adaptive rate) is the job of a {@link PoliteFetchClient} around the client you hand in, so
 * that every attempt of this source's retry policy passes it exactly once; the source's
 * classifier is the circuit breaker for the bot wall and refuses a blocked host before it costs a
 * rate permit. Against the real site, always hand in a {@code PoliteFetchClient}.
 *
 * <pre>{@code
 * try (FetchClient http = PoliteFetchClient.builder()
 *     .delegate(HttpClient5FetchClient.builder().cookies(CookieFiles.read(cookieFile)).build())
 *     .requestsPerSecondPerHost(5) // the default; PoliteFetchClient documents the whole order
 *     .build()) {
 *   CwoFitmentSource site = CwoFitmentSource.builder().fetchClient(http).build();
 *   for (String make : site.makes(2025)) { ... }
 *   Vehicle v = site.vehicle(new VehicleKey(2025, "Acura", "ADX", "Base", "AWD"));
 *   try (FitmentSession s = site.openSession(v)) {
 *     for (FitmentOption o : s.options()) { Fitment f = s.fitment(o); ... }
 *   }
 * }
 * }</pre>
 */
public final class CwoFitmentSource implements FitmentSource {

  /** The real API host's base. */
  public static final URI DEFAULT_API_BASE =
      URI.create("https://www.enthusiastenterprises.us/fitment/vehicle/co");

  /** The real store host's base. */
  public static final URI DEFAULT_STORE_BASE = URI.create("https://www.customwheeloffset.com");

  private final String apiBase;
  private final String storeBase;
  private final FetchClient client;
  private final SiteCalls calls;
  private final SiteJson json = new SiteJson();
  private final FitmentPageParser pages = new FitmentPageParser();
  private final int maxSessionRenewals;
  private final ConcurrentMap<String, CompletableFuture<OptionLists>> optionCache =
      new ConcurrentHashMap<>();

  /** The three option lists of one vehicle type, de-duplicated, in the site's order. */
  record OptionLists(List<String> suspensions, List<String> modifications, List<String> rubbings) {}

  private CwoFitmentSource(Builder b) {
    this.apiBase = stripSlash(b.apiBase.toString());
    this.storeBase = stripSlash(b.storeBase.toString());
    this.client = b.fetchClient;
    this.maxSessionRenewals = b.maxSessionRenewals;
    this.calls =
        new SiteCalls(
            b.fetchClient,
            new ResponseClassifier(b.wallThreshold, b.clock),
            b.metrics,
            b.maxAttempts,
            b.initialDelay,
            b.maxDelay,
            b.jitter,
            b.maxRetryAfter);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Integer> years() {
    return calls.call(FetchRequest.get(api(List.of()), "years"), json::years);
  }

  @Override
  public List<String> makes(int year) {
    return calls.call(
        FetchRequest.get(api(List.of(Integer.toString(year))), "makes"),
        r -> json.names(r, "a JSON array of makes"));
  }

  @Override
  public List<String> models(int year, String make) {
    Objects.requireNonNull(make, "make");
    return calls.call(
        FetchRequest.get(api(List.of(Integer.toString(year), make)), "models"),
        r -> json.names(r, "a JSON array of models"));
  }

  @Override
  public List<String> trims(int year, String make, String model) {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    return calls.call(
        FetchRequest.get(api(List.of(Integer.toString(year), make, model)), "model-info"),
        r -> json.scalarOrList(r, "trim"));
  }

  @Override
  public List<String> drives(int year, String make, String model, String trim) {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trim, "trim");
    URI uri =
        api(List.of("offsetguide", Integer.toString(year), make, model, "trim", trim, "drives"));
    return calls.call(FetchRequest.get(uri, "drives"), r -> json.names(r, "a JSON array of drives"));
  }

  @Override
  public Vehicle vehicle(VehicleKey key) {
    Objects.requireNonNull(key, "key");
    URI uri =
        api(List.of(Integer.toString(key.year()), key.make(), key.model(), key.trim(), key.drive()));
    return calls.call(FetchRequest.get(uri, "vehicle"), r -> json.vehicle(key, r));
  }

  @Override
  public FitmentSession openSession(Vehicle vehicle) {
    Objects.requireNonNull(vehicle, "vehicle");
    if (!vehicle.hasData()) {
      throw new IllegalArgumentException(
          "vehicle " + vehicle.key() + " has no data on the site: it has no fitment session");
    }
    FetchSession first = setVehicle(vehicle);
    try {
      OptionLists lists = optionLists(vehicle.vehicleType(), first);
      return new CwoFitmentSession(this, vehicle, lists, first);
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
  }

  /** Opens a fresh cookie session on the store host holding {@code vehicle}. */
  FetchSession setVehicle(Vehicle vehicle) {
    FetchSession session = client.newSession();
    try {
      VehicleKey k = vehicle.key();
      URI uri =
          store(
              "/api/ymm-temp.php",
              List.of(
                  Map.entry("store", "wheels"),
                  Map.entry("type", "set"),
                  Map.entry("vehicle_type", vehicle.vehicleType()),
                  Map.entry("year", Integer.toString(k.year())),
                  Map.entry("make", k.make()),
                  Map.entry("model", k.model()),
                  Map.entry("trim", k.trim()),
                  Map.entry("drive", k.drive()),
                  Map.entry("chassis", vehicle.chassisId())));
      calls.call(new FetchRequest(uri, Map.of(), session, "set-vehicle"), r -> Boolean.TRUE);
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The option lists of a vehicle type: fetched once per type, even under concurrency. */
  private OptionLists optionLists(String vehicleType, FetchSession session) {
    CompletableFuture<OptionLists> mine = new CompletableFuture<>();
    CompletableFuture<OptionLists> existing = optionCache.putIfAbsent(vehicleType, mine);
    if (existing == null) {
      try {
        OptionLists lists =
            new OptionLists(
                optionList(vehicleType, "getSuspension", session),
                optionList(vehicleType, "getTrimming", session),
                optionList(vehicleType, "getRubbing", session));
        mine.complete(lists);
        return lists;
      } catch (RuntimeException e) {
        optionCache.remove(vehicleType, mine); // a later caller tries again
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while waiting for option lists", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException fe) {
        throw fe;
      }
      throw new CompletionException(e.getCause());
    }
  }

  private List<String> optionList(String vehicleType, String flag, FetchSession session) {
    URI uri =
        store(
            "/api/ymm-temp.php",
            List.of(
                Map.entry("type", "set"),
                Map.entry("vehicle_type", vehicleType),
                Map.entry("store", "wheels"),
                Map.entry(flag, "true")));
    return calls.call(
        new FetchRequest(uri, Map.of(), session, "options"),
        r -> json.names(r, "a JSON array of option values (" + flag + ")"));
  }

  /** The fitment page URL for one option of a vehicle. */
  URI fitmentUri(Vehicle vehicle, dev.cwo.FitmentOption option) {
    VehicleKey k = vehicle.key();
    return store(
        "/store/wheels",
        List.of(
            Map.entry("sort", "instock"),
            Map.entry("saleToggle", "0"),
            Map.entry("qdToggle", "0"),
            Map.entry("year", Integer.toString(k.year())),
            Map.entry("make", k.make()),
            Map.entry("model", k.model()),
            Map.entry("trim", k.trim()),
            Map.entry("drive", k.drive()),
            Map.entry("DRChassisID", vehicle.chassisId()),
            Map.entry("vehicle_type", vehicle.vehicleType()),
            Map.entry("suspension", option.suspension()),
            Map.entry("modification", option.modification()),
            Map.entry("rubbing", option.rubbing())));
  }

  SiteCalls calls() {
    return calls;
  }

  FitmentPageParser pages() {
    return pages;
  }

  int maxSessionRenewals() {
    return maxSessionRenewals;
  }

  private URI api(List<String> names) {
    return URI.create(apiBase + (names.isEmpty() ? "/" : PathSegments.path(names)));
  }

  private URI store(String path, List<Map.Entry<String, String>> query) {
    return URI.create(storeBase + path + "?" + PathSegments.query(query));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "CwoFitmentSource[api=" + apiBase + ", store=" + storeBase + "]";
  }

  /**
   * Settings of a {@link CwoFitmentSource}. Not thread-safe; {@link #build()} checks every setting
   * and names each bad one.
   */
  public static final class Builder {
    private URI apiBase = DEFAULT_API_BASE;
    private URI storeBase = DEFAULT_STORE_BASE;
    private FetchClient fetchClient;
    private MetricTracker metrics = MetricTracker.noop();
    private int maxAttempts = 6;
    private Duration initialDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(5);
    private double jitter = 0.25;
    private Duration maxRetryAfter = Duration.ofMinutes(2);
    private int wallThreshold = 3;
    private int maxSessionRenewals = 3;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The API host's base URL; default {@link #DEFAULT_API_BASE}. */
    public Builder apiBase(URI uri) {
      this.apiBase = Objects.requireNonNull(uri, "apiBase");
      return this;
    }

    /** The store host's base URL; default {@link #DEFAULT_STORE_BASE}. */
    public Builder storeBase(URI uri) {
      this.storeBase = Objects.requireNonNull(uri, "storeBase");
      return this;
    }

    /** The client that makes the HTTP exchanges (required; not closed by the source). */
    public Builder fetchClient(FetchClient client) {
      this.fetchClient = Objects.requireNonNull(client, "fetchClient");
      return this;
    }

    /** Where request timings go; default {@link MetricTracker#noop()}. */
    public Builder metricTracker(MetricTracker tracker) {
      this.metrics = Objects.requireNonNull(tracker, "metricTracker");
      return this;
    }

    /** Attempts per request in all, the first included; default 6. */
    public Builder maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    /** The first retry delay and the cap the doubling stops at; default 100 ms and 5 s. */
    public Builder retryDelays(Duration initial, Duration max) {
      this.initialDelay = Objects.requireNonNull(initial, "initial");
      this.maxDelay = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Random spread of each delay, as a fraction in [0, 1); default 0.25. */
    public Builder jitter(double fraction) {
      this.jitter = fraction;
      return this;
    }

    /** The longest {@code Retry-After} waited for; longer ones are cut to it. Default 2 min. */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = Objects.requireNonNull(d, "maxRetryAfter");
      return this;
    }

    /** Bot-wall answers in a row from one host that block it; default 3. */
    public Builder wallThreshold(int n) {
      this.wallThreshold = n;
      return this;
    }

    /** Session renewals one fitment page may cost before it fails; default 3. */
    public Builder maxSessionRenewals(int n) {
      this.maxSessionRenewals = n;
      return this;
    }

    /** The clock HTTP-date {@code Retry-After} values are read against; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public CwoFitmentSource build() {
      List<String> problems = new ArrayList<>();
      if (fetchClient == null) {
        problems.add("fetchClient must be set");
      }
      checkBase(problems, "apiBase", apiBase);
      checkBase(problems, "storeBase", storeBase);
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1, was " + maxAttempts);
      }
      if (initialDelay.isNegative()) {
        problems.add("retryDelays initial must not be negative, was " + initialDelay);
      }
      if (maxDelay.compareTo(initialDelay) < 0) {
        problems.add("retryDelays max (" + maxDelay + ") must not be below initial (" + initialDelay
            + ")");
      }
      if (!(jitter >= 0 && jitter < 1)) {
        problems.add("jitter must be in [0, 1), was " + jitter);
      }
      if (maxRetryAfter.isNegative()) {
        problems.add("maxRetryAfter must not be negative, was " + maxRetryAfter);
      }
      if (wallThreshold < 1) {
        problems.add("wallThreshold must be at least 1, was " + wallThreshold);
      }
      if (maxSessionRenewals < 0) {
        problems.add("maxSessionRenewals must not be negative, was " + maxSessionRenewals);
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("CwoFitmentSource settings", problems);
      }
      return new CwoFitmentSource(this);
    }

    private static void checkBase(List<String> problems, String name, URI uri) {
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        problems.add(name + " must be an http(s) URL, was " + uri);
      } else if (uri.getHost() == null) {
        problems.add(name + " must name a host, was " + uri);
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problems.add(name + " must not have a query or fragment, was " + uri);
      }
    }
  }
}
