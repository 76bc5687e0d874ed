package dev.cwo.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.StoreException;
import dev.cwo.YearMake;
import dev.cwo.spi.WorkCoordinator;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WorkCoordinator} for a fleet of processes, on one machine or many, that share one
 * PostgreSQL database: {@link YearMake} units are seeded once into the {@code work_unit} table and
 * handed out under leases.
 *
 * <ul>
 *   <li>{@link #offer} inserts units not yet known ({@code ON CONFLICT DO NOTHING}): every process
 *       may seed the same units; a unit already done stays done.
 *   <li>{@link #claim} takes a few units at once ({@link Builder#claimBatch}) with {@code FOR UPDATE
 *       SKIP LOCKED}, so processes never wait on each other's claims, and leases them to this
 *       process's {@link Builder#ownerId owner id} until {@link Builder#leaseDuration} from now.
 *   <li>A heartbeat on its own thread renews the leases every {@link Builder#heartbeatInterval}. A
 *       unit whose renewal finds another owner, or whose last renewal is older than the lease (this
 *       process stalled or lost the database), is no longer {@link #holds held}: the processor stops
 *       working on it.
 *   <li>{@link #done} marks a unit done; the processor calls it only after every result of the unit
 *       is committed to the store. {@link #release} makes it pending again.
 *   <li>A lease that expires (its process died) is claimed by another process after the expiry; with
 *       skip-existing, that process fetches only what was not stored. A unit whose lease expired
 *       {@link Builder#maxAttempts} times is <em>parked</em> with the reason instead of being handed
 *       out forever.
 * </ul>
 *
 * <p><b>Fleet politeness.</b> With {@link Builder#rateBudget} the heartbeat also keeps this process
 * in the {@code fleet_member} table and splits the site's rate budget (requests per second to each
 * host, for the whole fleet) evenly across live members: each heartbeat re-evaluates this process's
 * share and hands it to the given listener (typically {@code PoliteFetchClient::ceiling}). A member
 * cuts its rate before it records a smaller share and raises it only after a larger share is
 * committed, and shares are only raised while their recorded sum stays within the budget, so the
 * fleet as a whole stays within it. It costs one short transaction per heartbeat, none per request.
 * A new member gets no share (and no unit) until the others have made room: {@link #awaitShare}
 * waits for that.
 *
 * <p>All times that decide leases are the database server's clock; the local monotonic clock
 * ({@link Builder#ticker}) only measures how old this process's last renewal is.
 *
 * <p>Thread-safe. Build it, use it for one or more runs, close it (it releases units claimed but not
 * started and leaves the fleet). Usage:
 *
 * <pre>{@code
 * try (PoliteFetchClient http = PoliteFetchClient.builder().delegate(plain).requestsPerSecondPerHost(5).build();
 *      JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(url).build();
 *      PostgresLeaseCoordinator fleet = PostgresLeaseCoordinator.builder()
 *          .jdbcUrl(url)
 *          .rateBudget(5, http::ceiling)       // 5 req/s per host for the whole fleet
 *          .build()) {
 *   fleet.awaitShare(Duration.ofMinutes(2));
 *   MultithreadedProcessor processor = MultithreadedProcessor.builder()
 *       .source(CwoFitmentSource.builder().fetchClient(http).build())
 *       .store(store).coordinator(fleet).build();
 *   processor.process(UnitSelection.years(2020, 2026));
 * }
 * }</pre>
 */
public final class PostgresLeaseCoordinator implements WorkCoordinator, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresLeaseCoordinator.class);

  static {
    if (System.getProperty("org.jooq.no-logo") == null) System.setProperty("org.jooq.no-logo", "true");
    if (System.getProperty("org.jooq.no-tips") == null) System.setProperty("org.jooq.no-tips", "true");
  }

  private final String owner;
  private final String host;
  private final long pid;
  private final long leaseMillis;
  private final long leaseNanos;
  private final Duration heartbeat;
  private final int claimBatch;
  private final int maxAttempts;
  private final Double budget;
  private final DoubleConsumer shareListener;
  private final LongSupplier ticker;
  private final HikariDataSource ownedPool;
  private final DSLContext dsl;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final ScheduledFuture<?> beat;

  /** Held units and the ticker time the transaction that last set their lease began. */
  private final Map<YearMake, Long> held = new ConcurrentHashMap<>();
  /** Units whose done() could not be recorded yet; retried on each heartbeat. */
  private final Map<YearMake, Boolean> doneLater = new ConcurrentHashMap<>();
  private final Object claimLock = new Object();
  private final ArrayDeque<YearMake> claimed = new ArrayDeque<>(); // guarded by claimLock
  private volatile boolean othersOpen = true;
  private final Object shareLock = new Object(); // serialises heartbeats; awaitShare waits on it
  private volatile double applied; // the share handed to the listener; written under shareLock
  private volatile long lastMemberBeat; // ticker time the last recorded heartbeat began; under shareLock
  private volatile boolean closed;

  private PostgresLeaseCoordinator(Builder b) {
    this.owner = b.ownerId != null ? b.ownerId : defaultOwner();
    this.host = hostName();
    this.pid = ProcessHandle.current().pid();
    this.leaseMillis = b.leaseDuration.toMillis();
    this.leaseNanos = b.leaseDuration.toNanos();
    this.heartbeat = b.heartbeatInterval != null ? b.heartbeatInterval : b.leaseDuration.dividedBy(3);
    this.claimBatch = b.claimBatch;
    this.maxAttempts = b.maxAttempts;
    this.budget = b.budget;
    this.shareListener = b.shareListener;
    this.ticker = b.ticker;
    DataSource dataSource;
    if (b.dataSource != null) {
      this.ownedPool = null;
      dataSource = b.dataSource;
    } else {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(b.jdbcUrl);
      if (b.username != null) config.setUsername(b.username);
      if (b.password != null) config.setPassword(b.password);
      if (b.schema != null) config.setSchema(b.schema);
      config.setMaximumPoolSize(3);
      config.setConnectionTimeout(Math.max(1_000, leaseMillis / 2));
      config.setPoolName("cwo-lease");
      try {
        this.ownedPool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new StoreException("cannot open the database " + JooqCombinationStore.Builder.redact(b.jdbcUrl)
            + " for leases: " + e.getMessage() + " (is PostgreSQL running and reachable?)", e);
      }
      dataSource = ownedPool;
    }
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    try {
      SchemaMigrations.apply(dataSource, SQLDialect.POSTGRES, b.schema);
      memberBeat(); // join the fleet now: alone, this process has its share before build() returns
    } catch (RuntimeException e) {
      if (ownedPool != null) ownedPool.close();
      throw new StoreException("cannot prepare the work table: " + e.getMessage(), e);
    }
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = b.scheduler != null ? b.scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cwo-lease-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = heartbeat.toMillis();
    this.beat = scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This process's name in the work and member tables. */
  public String ownerId() {
    return owner;
  }

  // --- WorkCoordinator -----------------------------------------------------------------------

  @Override
  public void offer(Collection<YearMake> units) {
    Objects.requireNonNull(units, "units");
    if (units.isEmpty()) return;
    db("offer units", () -> {
      dsl.transaction(c -> WorkTable.offer(c.dsl(), units));
      return null;
    });
  }

  @Override
  public Optional<YearMake> claim() {
    synchronized (claimLock) {
      if (closed || !admitted()) return Optional.empty();
      YearMake next;
      while ((next = claimed.poll()) != null) {
        if (holds(next)) return Optional.of(next);
      }
      long start = ticker.getAsLong();
      List<YearMake> got;
      int[] open = {0};
      try {
        got = dsl.transactionResult(c -> {
          List<YearMake> units = WorkTable.claim(c.dsl(), owner, leaseMillis, maxAttempts, claimBatch);
          open[0] = WorkTable.open(c.dsl());
          return units;
        });
      } catch (RuntimeException e) {
        // the processor asks again after retryClaimAfter(); a database that stays away fails the store too
        log.warn("{}: could not claim units: {}; trying again in {}", owner, e.getMessage(), heartbeat);
        othersOpen = true;
        return Optional.empty();
      }
      for (YearMake u : got) held.put(u, start);
      // open units beyond the ones this process holds: leased elsewhere (also under this owner id
      // by an earlier life of it), so they may come back when their lease runs out
      othersOpen = open[0] > held.size();
      if (!got.isEmpty()) log.debug("{} claimed {}", owner, got);
      claimed.addAll(got);
      return Optional.ofNullable(claimed.poll());
    }
  }

  @Override
  public void done(YearMake unit) {
    Objects.requireNonNull(unit, "unit");
    try {
      boolean ours = dsl.transactionResult(c -> WorkTable.done(c.dsl(), owner, unit));
      if (!ours) log.info("{} finished {} after another process took it over; its results are stored anyway", owner, unit);
      held.remove(unit);
    } catch (RuntimeException e) {
      // the results are stored; keep the lease and record done on the next heartbeat
      log.warn("could not mark {} done yet ({}); retrying on the next heartbeat", unit, e.getMessage());
      doneLater.put(unit, Boolean.TRUE);
    }
  }

  @Override
  public void release(YearMake unit, Throwable cause) {
    Objects.requireNonNull(unit, "unit");
    held.remove(unit);
    String reason = cause == null ? "released" : String.valueOf(cause.getMessage());
    try {
      dsl.transaction(c -> WorkTable.release(c.dsl(), owner, unit, reason));
    } catch (RuntimeException e) {
      log.warn("could not release {} ({}); its lease expires in {} ms", unit, e.getMessage(), leaseMillis);
    }
  }

  @Override
  public boolean holds(YearMake unit) {
    Long since = held.get(unit);
    if (since == null) return false;
    if (ticker.getAsLong() - since < leaseNanos && admitted()) return true;
    if (held.remove(unit, since)) {
      log.warn("{}: the lease of {} (or this process's share of the rate) was not renewed in time;"
          + " leaving the unit to another process", owner, unit);
    }
    return false;
  }

  @Override
  public Optional<Duration> retryClaimAfter() {
    if (closed) return Optional.empty();
    return othersOpen || !admitted() ? Optional.of(heartbeat) : Optional.empty();
  }

  // --- fleet ---------------------------------------------------------------------------------

  /**
   * Waits until this process has a share of the fleet's rate budget (at once without {@link
   * Builder#rateBudget}) and returns it, in requests per second to each host.
   *
   * @throws StoreException if no share came within {@code timeout}
   */
  public double awaitShare(Duration timeout) throws InterruptedException {
    if (budget == null) return 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (shareLock) {
      while (!admitted()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StoreException("no share of the fleet's rate budget came within " + timeout
              + " (are the other members' heartbeats reaching the database?)");
        }
        TimeUnit.NANOSECONDS.timedWait(shareLock, Math.min(left, heartbeat.toNanos()));
      }
      return applied;
    }
  }

  /** The share this process sends at now (requests per second to each host); 0 before it has one. */
  public double share() {
    return applied;
  }

  /** Whether this process may work: it has a share, renewed within the lease. Lock-free. */
  private boolean admitted() {
    return budget == null || (applied > 0 && ticker.getAsLong() - lastMemberBeat < leaseNanos);
  }

  private void memberBeat() {
    long start = ticker.getAsLong();
    synchronized (shareLock) {
      double[] raised = {0};
      dsl.transaction(c -> {
        FleetTable.Decision d = FleetTable.heartbeat(c.dsl(), owner, host, pid, leaseMillis, budget);
        raised[0] = 0;
        if (budget == null) return;
        if (d.after() < applied) {
          // cut before the smaller share is recorded; a share of 0 (this member was given up for
          // dead and joined again) stops all unit work instead: see holds()
          if (d.after() > 0) shareListener.accept(d.after());
          applied = d.after();
        } else if (d.after() > applied) {
          raised[0] = d.after();
        }
        if (d.after() != d.before()) {
          log.info("{}: rate share {} -> {} req/s per host ({} members, fleet budget {})",
              owner, fmt(d.before()), fmt(d.after()), d.members(), fmt(d.budget()));
        }
      });
      lastMemberBeat = start;
      if (raised[0] > applied) {
        shareListener.accept(raised[0]); // raise only once the larger share is committed
        applied = raised[0];
      }
      shareLock.notifyAll();
    }
  }

  private void heartbeat() {
    if (closed) return;
    try {
      memberBeat();
    } catch (RuntimeException e) {
      log.warn("{}: fleet heartbeat failed: {}", owner, e.getMessage());
    }
    try {
      renewLeases();
    } catch (RuntimeException e) {
      log.warn("{}: lease renewal failed: {} (units are dropped when their lease runs out)", owner, e.getMessage());
    }
  }

  private void renewLeases() {
    for (YearMake u : List.copyOf(doneLater.keySet())) {
      doneLater.remove(u);
      done(u);
    }
    if (held.isEmpty()) return;
    long start = ticker.getAsLong();
    List<YearMake> mine = new ArrayList<>(held.keySet());
    List<YearMake> renewed = dsl.transactionResult(c -> WorkTable.renew(c.dsl(), owner, mine, leaseMillis));
    for (YearMake u : renewed) held.computeIfPresent(u, (k, v) -> start);
    for (YearMake u : mine) {
      if (!renewed.contains(u) && held.remove(u) != null) {
        log.warn("{}: lost the lease of {} (it expired and another process took it); stopping work on it", owner, u);
      }
    }
  }

  /** Releases units claimed but not started, leaves the fleet, stops the heartbeat. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    beat.cancel(false);
    if (ownsScheduler) scheduler.shutdownNow();
    List<YearMake> unstarted;
    synchronized (claimLock) {
      unstarted = new ArrayList<>(claimed);
      claimed.clear();
    }
    try {
      for (YearMake u : unstarted) release(u, new IllegalStateException("claimed but not started before close"));
      dsl.transaction(c -> FleetTable.leave(c.dsl(), owner));
    } catch (RuntimeException e) {
      log.warn("{}: could not leave the fleet cleanly ({}); its share frees up when its heartbeat lapses", owner, e.getMessage());
    } finally {
      if (ownedPool != null) ownedPool.close();
    }
  }

  @Override
  public String toString() {
    return "PostgresLeaseCoordinator[" + owner + ", lease " + leaseMillis + " ms, "
        + (budget == null ? "no rate sharing" : "fleet budget " + budget + " req/s") + "]";
  }

  private <T> T db(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw new StoreException("could not " + what + " in the work table: " + e.getMessage(), e);
    }
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown-host";
    }
  }

  private static String defaultOwner() {
    return hostName() + "-" + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Builds a {@link PostgresLeaseCoordinator}. Not thread-safe; {@link #build()} checks every
   * setting and names each bad one, migrates the schema and joins the fleet.
   */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private String schema;
    private DataSource dataSource;
    private String ownerId;
    private Duration leaseDuration = Duration.ofSeconds(30);
    private Duration heartbeatInterval;
    private int claimBatch = 2;
    private int maxAttempts = 3;
    private Double budget;
    private DoubleConsumer shareListener;
    private ScheduledExecutorService scheduler;
    private LongSupplier ticker = System::nanoTime;

    private Builder() {}

    /** {@code jdbc:postgresql://HOST[:PORT]/DB}; the coordinator opens a small pool of its own. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Never logged nor shown in messages. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The PostgreSQL schema (default: the connection's); use the store's. */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /** A PostgreSQL pool of the caller's instead of a URL; not closed by the coordinator. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** This process's name in the tables; default {@code host-pid-random}. Must be unique in the fleet. */
    public Builder ownerId(String ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    /**
     * How long a lease (and a fleet membership) lasts without renewal; default 30 s. A dead
     * process's units wait this long before another takes them.
     */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
      return this;
    }

    /** How often leases and the rate share are renewed; default a third of the lease, at most half of it. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** Units claimed per round trip (1..100); default 2. */
    public Builder claimBatch(int claimBatch) {
      this.claimBatch = claimBatch;
      return this;
    }

    /** After this many claims whose lease expired, a unit is parked instead of handed out; default 3. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Splits {@code requestsPerSecondPerHost}, the site's budget for the whole fleet, across live
     * members; {@code listener} hears this process's share (positive, requests per second to each
     * host) whenever it changes, on the heartbeat thread, e.g. {@code PoliteFetchClient::ceiling}.
     * Default: no rate sharing.
     */
    public Builder rateBudget(double requestsPerSecondPerHost, DoubleConsumer listener) {
      this.budget = requestsPerSecondPerHost;
      this.shareListener = listener;
      return this;
    }

    /** Runs the heartbeat; default a daemon thread of the coordinator's own (the caller's is not shut down). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The monotonic nanosecond clock that ages renewals; default {@code System::nanoTime}. */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = ticker;
      return this;
    }

    /**
     * @throws InvalidConfigurationException naming every bad setting
     * @throws StoreException when the database cannot be opened or migrated
     */
    public PostgresLeaseCoordinator build() {
      List<String> problems = new ArrayList<>();
      if (dataSource == null && jdbcUrl == null) problems.add("jdbcUrl or dataSource is required");
      if (dataSource != null && jdbcUrl != null) problems.add("give jdbcUrl or dataSource, not both");
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        problems.add("jdbcUrl must start with jdbc:postgresql: (leases need PostgreSQL), was "
            + JooqCombinationStore.Builder.redact(jdbcUrl));
      }
      if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        problems.add("schema must be a plain identifier, was '" + schema + "'");
      }
      if (ownerId != null && (ownerId.isBlank() || ownerId.length() > 200)) {
        problems.add("ownerId must be 1..200 characters and not blank, was '" + ownerId + "'");
      }
      if (leaseDuration == null || leaseDuration.toMillis() < 500) {
        problems.add("leaseDuration must be at least 500 ms, was " + leaseDuration);
      } else if (heartbeatInterval != null
          && (heartbeatInterval.toMillis() < 10 || heartbeatInterval.compareTo(leaseDuration.dividedBy(2)) > 0)) {
        problems.add("heartbeatInterval must be 10 ms .. half the leaseDuration (" + leaseDuration.dividedBy(2)
            + "), was " + heartbeatInterval);
      }
      if (claimBatch < 1 || claimBatch > 100) problems.add("claimBatch must be 1..100, was " + claimBatch);
      if (maxAttempts < 1) problems.add("maxAttempts must be at least 1, was " + maxAttempts);
      if (budget != null && (!(budget > 0) || budget.isInfinite())) {
        problems.add("rateBudget must be positive and finite, was " + budget);
      }
      if (budget != null && shareListener == null) problems.add("rateBudget needs a listener for the share");
      if (ticker == null) problems.add("ticker must not be null");
      if (!problems.isEmpty()) throw new InvalidConfigurationException("PostgresLeaseCoordinator settings", problems);
      return new PostgresLeaseCoordinator(this);
    }
  }
}
