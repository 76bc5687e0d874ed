package dev.cwo.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.cwo.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable simulation of customwheeloffset.com: two loopback HTTP servers (the API host and
 * the store host, each on its own port) that behave exactly as {@code docs/site-protocol.md} pins
 * the real site, over a generated {@link SimulatedCatalog}, with switchable faults.
 *
 * <p>Lifecycle: {@link Builder#build()} returns a site that is not yet listening; {@link #start()}
 * binds both ports and returns the same site; {@link #close()} stops both servers and their
 * thread pool. {@link #apiBase()} is {@code http://127.0.0.1:PORT/fitment/vehicle/co} (the base
 * path is a knob), {@link #storeBase()} is {@code http://127.0.0.1:PORT}; append the protocol's
 * paths to them.
 *
 * <p>Site knobs: {@code catalog} (default {@link SimulatedCatalog#small(long) small(1)}), {@code
 * faults} (default {@link SiteFaults#none()}, switchable with {@link #setFaults}), {@code seed} for
 * fault draws and session ids (default 1), {@code clock} for session time-to-live, the rate-limit
 * window and {@link SiteStats#requestsPerSecond()} (default the system UTC clock), {@code
 * sessionMaxUses} (fitment pages per session, 0 = unlimited, the default), {@code
 * sessionTimeToLive} (default none), {@code apiPort}/{@code storePort} (default 0 = ephemeral),
 * {@code threads} (server pool, default 160, enough for 64 concurrent clients waiting out
 * simulated latency), {@code apiBasePath}. See {@link SimulatedCatalog} and {@link SiteFaults} for
 * theirs. Fault draws are seeded per request sequence number, so a run is deterministic given the
 * seed and the order requests arrive in.
 *
 * <p>Thread-safe. Usage:
 *
 * <pre>{@code
 * try (SimulatedCwoSite site = SimulatedCwoSite.builder()
 *     .catalog(SimulatedCatalog.small(42))
 *     .faults(SiteFaults.builder().serverErrorRate(0.02).build())
 *     .build()
 *     .start()) {
 *   URI api = site.apiBase();
 *   URI store = site.storeBase();
 *   // ... run a scraper against them, then compare with site.groundTruth() and site.stats()
 * }
 * }</pre>
 */
public final class SimulatedCwoSite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCwoSite.class);

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the
    // client's delayed ACK stalls every response by ~40 ms. The property is read once, when the
    // JDK server's configuration class loads, so set it before the first server is created
    // (unless the caller chose a value).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatedCatalog catalog;
  private final AtomicReference<SiteFaults> faults;
  private final long seed;
  private final InstantSource clock;
  private final int sessionMaxUses;
  private final Duration sessionTtl;
  private final int apiPort;
  private final int storePort;
  private final int threads;
  private final String apiBasePath;
  private final SiteStats stats = new SiteStats();
  private final SessionRegistry sessions;
  private final Object lifecycle = new Object();
  private HttpServer api;
  private HttpServer store;
  private ExecutorService pool;
  private boolean closed;

  private SimulatedCwoSite(Builder b) {
    catalog = b.catalog;
    faults = new AtomicReference<>(b.faults);
    seed = b.seed;
    clock = b.clock;
    sessionMaxUses = b.sessionMaxUses;
    sessionTtl = b.sessionTtl;
    apiPort = b.apiPort;
    storePort = b.storePort;
    threads = b.threads;
    apiBasePath = b.apiBasePath;
    sessions = new SessionRegistry(seed, clock, sessionMaxUses, sessionTtl);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds both servers on loopback and starts serving; returns this site.
   *
   * @throws IllegalStateException if already started or closed
   * @throws UncheckedIOException if a port cannot be bound
   */
  public SimulatedCwoSite start() {
    synchronized (lifecycle) {
      if (closed || api != null) {
        throw new IllegalStateException(closed ? "site is closed" : "site already started");
      }
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cwo-sim-site-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      p.allowCoreThreadTimeOut(true);
      pool = p;
      GroundTruth truth = catalog.groundTruth();
      ApiEndpoints apiEndpoints = new ApiEndpoints(catalog);
      StoreEndpoints storeEndpoints = new StoreEndpoints(truth, sessions);
      try {
        api = server(apiPort, SiteHost.API, apiEndpoints::answer);
        store = server(storePort, SiteHost.STORE, storeEndpoints::answer);
      } catch (IOException e) {
        stopServers();
        throw new UncheckedIOException("cannot bind the simulated site on loopback", e);
      }
      api.start();
      store.start();
      LOG.info("simulated site up: api {} store {} ({} vehicles)", apiBase(), storeBase(),
          catalog.vehicleCount());
      return this;
    }
  }

  private HttpServer server(
      int port, SiteHost host, java.util.function.Function<SiteRequest, Answer> endpoints)
      throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    s.createContext("/", new FaultInjectingHandler(
        host, apiBasePath, endpoints, faults, stats, clock, seed));
    s.setExecutor(pool);
    return s;
  }

  /** The API host's base, e.g. {@code http://127.0.0.1:40123/fitment/vehicle/co}. */
  public URI apiBase() {
    synchronized (lifecycle) {
      requireStarted();
      return URI.create("http://127.0.0.1:" + api.getAddress().getPort() + apiBasePath);
    }
  }

  /** The store host's base, e.g. {@code http://127.0.0.1:40124}. */
  public URI storeBase() {
    synchronized (lifecycle) {
      requireStarted();
      return URI.create("http://127.0.0.1:" + store.getAddress().getPort());
    }
  }

  /** The catalog served. */
  public SimulatedCatalog catalog() {
    return catalog;
  }

  /** What a perfect scraper of this site stores; faults never change it. */
  public GroundTruth groundTruth() {
    return catalog.groundTruth();
  }

  /** The live counters. */
  public SiteStats stats() {
    return stats;
  }

  /** The faults in force. */
  public SiteFaults faults() {
    return faults.get();
  }

  /** Switches faults for every request that arrives from now on (running ones keep theirs). */
  public void setFaults(SiteFaults faults) {
    this.faults.set(Objects.requireNonNull(faults, "faults"));
  }

  /** Stops both servers at once and the thread pool; idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      stopServers();
    }
  }

  private void stopServers() {
    if (api != null) {
      api.stop(0);
    }
    if (store != null) {
      store.stop(0);
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void requireStarted() {
    if (api == null || closed) {
      throw new IllegalStateException(closed ? "site is closed" : "site not started: call start()");
    }
  }

  /**
   * Collects the site's knobs; {@link #build()} checks them all at once.
   *
   * <p>Not thread-safe; the site it builds is.
   */
  public static final class Builder {
    private SimulatedCatalog catalog;
    private SiteFaults faults = SiteFaults.none();
    private long seed = 1;
    private InstantSource clock = Clock.systemUTC();
    private int sessionMaxUses;
    private Duration sessionTtl;
    private int apiPort;
    private int storePort;
    private int threads = 160;
    private String apiBasePath = "/fitment/vehicle/co";

    private Builder() {}

    public Builder catalog(SimulatedCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    public Builder faults(SiteFaults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Time for session expiry, the rate-limit window and per-second counts; a {@link Clock} fits. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Fitment pages a session serves before it expires; 0 = unlimited. */
    public Builder sessionMaxUses(int uses) {
      this.sessionMaxUses = uses;
      return this;
    }

    /** How long a session lives after set-vehicle; {@code null} = forever. */
    public Builder sessionTimeToLive(Duration ttl) {
      this.sessionTtl = ttl;
      return this;
    }

    public Builder apiPort(int port) {
      this.apiPort = port;
      return this;
    }

    public Builder storePort(int port) {
      this.storePort = port;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** The API host's base path, default {@code /fitment/vehicle/co}; {@code ""} for none. */
    public Builder apiBasePath(String path) {
      this.apiBasePath = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Checks every knob and returns a site that is not yet started. */
    public SimulatedCwoSite build() {
      List<String> problems = new ArrayList<>();
      if (sessionMaxUses < 0) {
        problems.add("sessionMaxUses must be >= 0 (0 = unlimited), was " + sessionMaxUses);
      }
      if (sessionTtl != null && (sessionTtl.isNegative() || sessionTtl.isZero())) {
        problems.add("sessionTimeToLive must be positive, was " + sessionTtl);
      }
      if (apiPort < 0 || apiPort > 65535) {
        problems.add("apiPort must be in [0, 65535], was " + apiPort);
      }
      if (storePort < 0 || storePort > 65535) {
        problems.add("storePort must be in [0, 65535], was " + storePort);
      }
      if (apiPort != 0 && apiPort == storePort) {
        problems.add("apiPort and storePort must differ, both were " + apiPort);
      }
      if (threads < 1 || threads > 4096) {
        problems.add("threads must be in [1, 4096], was " + threads);
      }
      if (!apiBasePath.isEmpty()
          && (!apiBasePath.startsWith("/") || apiBasePath.endsWith("/"))) {
        problems.add("apiBasePath must be empty or start and not end with '/', was '"
            + apiBasePath + "'");
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("SimulatedCwoSite", problems);
      }
      if (catalog == null) {
        catalog = SimulatedCatalog.small(1);
      }
      return new SimulatedCwoSite(this);
    }
  }
}
