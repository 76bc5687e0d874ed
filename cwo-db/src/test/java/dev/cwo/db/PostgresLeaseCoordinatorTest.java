package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.InvalidConfigurationException;
import dev.cwo.YearMake;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresLeaseCoordinator} and {@link FleetStatus} on a real PostgreSQL server, several
 * coordinators per test standing for several processes; each test has a schema of its own. Skips
 * without a server unless {@code CWO_REQUIRE_PG=1}.
 */
class PostgresLeaseCoordinatorTest {
  private static final String URL = PostgresCombinationStoreTest.URL;
  private static final String USER = PostgresCombinationStoreTest.USER;
  private static final List<String> schemas = Collections.synchronizedList(new ArrayList<>());
  private static final List<YearMake> UNITS = units(12);

  private String schema;
  private final List<PostgresLeaseCoordinator> open = new ArrayList<>();
  private final List<ScheduledExecutorService> stopped = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    PostgresCombinationStoreTest.requireServer();
  }

  @BeforeEach
  void freshSchema() {
    schema = "cwo_lease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    schemas.add(schema);
  }

  @AfterEach
  void closeAll() {
    open.forEach(PostgresLeaseCoordinator::close);
    stopped.forEach(ScheduledExecutorService::shutdownNow);
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static List<YearMake> units(int n) {
    List<YearMake> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new YearMake(2020 + i % 4, "Make " + (i / 4)));
    return out;
  }

  private PostgresLeaseCoordinator.Builder coordinator(String owner) {
    return PostgresLeaseCoordinator.builder().jdbcUrl(URL).username(USER).schema(schema).ownerId(owner);
  }

  private PostgresLeaseCoordinator live(PostgresLeaseCoordinator.Builder b) {
    PostgresLeaseCoordinator c = b.build();
    open.add(c);
    return c;
  }

  /** A coordinator whose heartbeat never runs: a process that froze or died right after claiming. */
  private PostgresLeaseCoordinator frozen(PostgresLeaseCoordinator.Builder b) {
    ScheduledExecutorService never = Executors.newSingleThreadScheduledExecutor();
    stopped.add(never);
    PostgresLeaseCoordinator c = b.scheduler(never).build();
    never.shutdownNow();
    open.add(c);
    return c;
  }

  private List<YearMake> claimAll(PostgresLeaseCoordinator c) {
    List<YearMake> got = new ArrayList<>();
    for (Optional<YearMake> u = c.claim(); u.isPresent(); u = c.claim()) got.add(u.get());
    return got;
  }

  private Map<String, Object> row(YearMake u) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT state, owner, attempts, last_error FROM " + schema
            + ".work_unit WHERE year = " + u.year() + " AND make = '" + u.make() + "'")) {
      assertThat(r.next()).as("row of " + u).isTrue();
      Map<String, Object> m = new java.util.HashMap<>();
      m.put("state", r.getString(1));
      m.put("owner", r.getString(2));
      m.put("attempts", r.getInt(3));
      m.put("last_error", r.getString(4));
      return m;
    }
  }

  private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  @Test
  @DisplayName("offering the same units from several processes seeds each once; a done unit stays done")
  void offerIsIdempotent() {
    PostgresLeaseCoordinator a = live(coordinator("a"));
    PostgresLeaseCoordinator b = live(coordinator("b"));
    a.offer(UNITS);
    b.offer(UNITS.subList(0, 6));
    List<YearMake> got = claimAll(a);
    assertThat(got).hasSize(UNITS.size()).doesNotHaveDuplicates();
    got.forEach(a::done);

    b.offer(UNITS);

    FleetStatus status = FleetStatus.read(dataSource());
    assertThat(status.count("done")).isEqualTo(UNITS.size());
    assertThat(status.count("pending")).isZero();
    assertThat(b.claim()).isEmpty();
    assertThat(b.retryClaimAfter()).as("nothing left anywhere").isEmpty();
  }

  @Test
  @DisplayName("processes claiming at once get disjoint units, all of them, with FOR UPDATE SKIP LOCKED")
  void concurrentClaimsAreDisjoint() throws Exception {
    List<PostgresLeaseCoordinator> fleet = new ArrayList<>();
    for (int i = 0; i < 3; i++) fleet.add(live(coordinator("p" + i).claimBatch(3)));
    List<YearMake> many = new ArrayList<>();
    for (int i = 0; i < 90; i++) many.add(new YearMake(1950 + i, "Make"));
    fleet.get(0).offer(many);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<YearMake>>> futures = new ArrayList<>();
      for (PostgresLeaseCoordinator c : fleet) futures.add(pool.submit((Callable<List<YearMake>>) () -> claimAll(c)));
      List<YearMake> all = new ArrayList<>();
      for (Future<List<YearMake>> f : futures) all.addAll(f.get());
      assertThat(all).hasSize(90).doesNotHaveDuplicates();
      assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(many));
      for (int i = 0; i < 3; i++) {
        PostgresLeaseCoordinator c = fleet.get(i);
        for (YearMake u : futures.get(i).get()) assertThat(c.holds(u)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a live owner's heartbeat renews its leases: nobody else gets its units past the first expiry")
  void heartbeatKeepsLeases() throws Exception {
    PostgresLeaseCoordinator a = live(coordinator("a").leaseDuration(Duration.ofMillis(900))
        .heartbeatInterval(Duration.ofMillis(150)).claimBatch(12));
    PostgresLeaseCoordinator b = live(coordinator("b").leaseDuration(Duration.ofMillis(900)));
    a.offer(UNITS);
    List<YearMake> mine = claimAll(a);
    assertThat(mine).hasSize(UNITS.size());
    long claimedAt = System.nanoTime();

    await("three lease durations", Duration.ofSeconds(10), () -> System.nanoTime() - claimedAt > 2_700_000_000L);

    assertThat(b.claim()).isEmpty();
    assertThat(b.retryClaimAfter()).as("a's units may still come back").isPresent();
    assertThat(mine).allSatisfy(u -> assertThat(a.holds(u)).isTrue());
    FleetStatus status = FleetStatus.read(dataSource());
    assertThat(status.leases()).hasSize(UNITS.size()).allSatisfy(l -> {
      assertThat(l.owner()).isEqualTo("a");
      assertThat(l.until()).isAfter(status.at());
    });
  }

  @Test
  @DisplayName("an expired lease goes to another process; the old owner no longer holds it nor can mark it done")
  void expiredLeaseIsReclaimed() throws Exception {
    AtomicLong ticks = new AtomicLong();
    PostgresLeaseCoordinator dead = frozen(coordinator("dead").leaseDuration(Duration.ofMillis(600))
        .claimBatch(1).ticker(ticks::get));
    PostgresLeaseCoordinator b = live(coordinator("b").leaseDuration(Duration.ofMillis(600)));
    dead.offer(UNITS.subList(0, 1));
    YearMake unit = dead.claim().orElseThrow();
    assertThat(dead.holds(unit)).isTrue();
    assertThat(b.claim()).isEmpty();

    java.util.concurrent.atomic.AtomicReference<Optional<YearMake>> taken = new java.util.concurrent.atomic.AtomicReference<>();
    await("b to take the expired unit", Duration.ofSeconds(10), () -> { taken.set(b.claim()); return taken.get().isPresent(); });

    assertThat(taken.get()).contains(unit);
    ticks.addAndGet(Duration.ofMillis(600).toNanos()); // the frozen process wakes up past its lease
    assertThat(dead.holds(unit)).isFalse();
    dead.done(unit);
    assertThat(row(unit)).containsEntry("state", "leased").containsEntry("owner", "b").containsEntry("attempts", 2);
    assertThat((String) row(unit).get("last_error")).contains("the lease of dead expired");
    b.done(unit);
    assertThat(row(unit)).containsEntry("state", "done").containsEntry("owner", "b");
  }

  @Test
  @DisplayName("a process restarted under the same owner id waits for the leases of its earlier life and takes them back")
  void restartUnderTheSameOwnerTakesItsUnitsBack() throws Exception {
    PostgresLeaseCoordinator before = frozen(coordinator("same").leaseDuration(Duration.ofMillis(800)).claimBatch(1));
    before.offer(UNITS.subList(0, 1));
    YearMake unit = before.claim().orElseThrow();
    PostgresLeaseCoordinator after = live(coordinator("same").leaseDuration(Duration.ofMillis(800)).claimBatch(1));

    assertThat(after.claim()).isEmpty();
    assertThat(after.retryClaimAfter()).as("the earlier life's lease may still run out").isPresent();
    await("the old lease to run out", Duration.ofSeconds(10), () -> after.claim().isPresent());

    assertThat(after.holds(unit)).isTrue();
    after.done(unit);
    assertThat(row(unit)).containsEntry("state", "done").containsEntry("attempts", 2);
  }

  @Test
  @DisplayName("a unit whose lease keeps expiring is parked with its error after maxAttempts, not handed out again")
  void failingUnitIsParked() throws Exception {
    YearMake unit = UNITS.get(0);
    for (int i = 1; i <= 2; i++) {
      PostgresLeaseCoordinator crashing = frozen(coordinator("crash" + i).leaseDuration(Duration.ofMillis(500)).maxAttempts(2));
      crashing.offer(List.of(unit));
      await("crash" + i + " to claim", Duration.ofSeconds(10), () -> crashing.claim().isPresent());
    }
    PostgresLeaseCoordinator next = live(coordinator("next").leaseDuration(Duration.ofMillis(500)).maxAttempts(2));
    await("the second lease to expire and the unit to be parked", Duration.ofSeconds(10), () -> {
      assertThat(next.claim()).isEmpty();
      return "parked".equals(uncheckedRow(unit).get("state"));
    });

    FleetStatus status = FleetStatus.read(dataSource());
    assertThat(status.parked()).singleElement().satisfies(p -> {
      assertThat(p.unit()).isEqualTo(unit);
      assertThat(p.attempts()).isEqualTo(2);
      assertThat(p.error()).contains("expired after 2 attempt(s)").contains("crash2");
    });
    assertThat(next.claim()).isEmpty();
    assertThat(next.retryClaimAfter()).as("a parked unit is not waited for").isEmpty();
  }

  private Map<String, Object> uncheckedRow(YearMake u) {
    try {
      return row(u);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("release makes a unit pending again without counting an attempt, and keeps the reason")
  void releaseReturnsTheUnit() throws Exception {
    PostgresLeaseCoordinator a = live(coordinator("a").claimBatch(1));
    PostgresLeaseCoordinator b = live(coordinator("b").claimBatch(1));
    a.offer(UNITS.subList(0, 1));
    YearMake unit = a.claim().orElseThrow();

    a.release(unit, new IllegalStateException("the run stopped"));

    assertThat(a.holds(unit)).isFalse();
    assertThat(row(unit)).containsEntry("state", "pending").containsEntry("attempts", 0)
        .containsEntry("last_error", "the run stopped");
    assertThat(b.claim()).contains(unit);
  }

  @Test
  @DisplayName("close() gives back units claimed in a batch but never started, and leaves the fleet")
  void closeReleasesUnstarted() throws Exception {
    PostgresLeaseCoordinator a = coordinator("a").claimBatch(3).rateBudget(10, share -> {}).build();
    a.offer(UNITS.subList(0, 3));
    YearMake started = a.claim().orElseThrow();
    a.close();

    FleetStatus status = FleetStatus.read(dataSource());
    assertThat(status.count("pending")).isEqualTo(2);
    assertThat(status.leases()).singleElement().satisfies(l -> assertThat(l.unit()).isEqualTo(started));
    assertThat(status.members()).isEmpty();
  }

  @Test
  @DisplayName("the rate budget is split across live members; the shares in use never sum above it;"
      + " a member that leaves frees its share for the others")
  void rateBudgetIsShared() throws Exception {
    double budget = 30;
    Map<String, Double> inUse = new ConcurrentHashMap<>();
    double[] maxSum = {0};
    Object lock = new Object();
    List<PostgresLeaseCoordinator> fleet = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String owner = "m" + i;
      fleet.add(live(coordinator(owner).leaseDuration(Duration.ofSeconds(2)).heartbeatInterval(Duration.ofMillis(100))
          .rateBudget(budget, share -> {
            synchronized (lock) {
              inUse.put(owner, share);
              maxSum[0] = Math.max(maxSum[0], inUse.values().stream().mapToDouble(Double::doubleValue).sum());
            }
          })));
      if (i == 0) assertThat(fleet.get(0).share()).as("the first member is alone at first").isEqualTo(budget);
    }
    for (PostgresLeaseCoordinator c : fleet) c.awaitShare(Duration.ofSeconds(20));
    await("an even split", Duration.ofSeconds(20), () -> fleet.stream().allMatch(c -> Math.abs(c.share() - 10) < 1e-9));

    FleetStatus status = FleetStatus.read(dataSource());
    assertThat(status.members()).hasSize(3);
    assertThat(status.budget()).contains(budget);
    assertThat(status.rate()).isCloseTo(budget, org.assertj.core.data.Offset.offset(1e-9));

    synchronized (lock) {
      inUse.remove("m2"); // the process stops sending, then leaves
    }
    fleet.get(2).close();
    open.remove(fleet.get(2));
    await("the two left to take the freed share", Duration.ofSeconds(20),
        () -> Math.abs(fleet.get(0).share() - 15) < 1e-9 && Math.abs(fleet.get(1).share() - 15) < 1e-9);
    synchronized (lock) {
      assertThat(maxSum[0]).as("largest sum of shares in use at any moment").isLessThanOrEqualTo(budget + 1e-9);
    }
  }

  @Test
  @DisplayName("a member given up for dead that comes back has no share until there is room:"
      + " it drops its units and claims none meanwhile, and never hears a share of 0")
  void memberBackFromTheDeadWaitsForRoom() throws Exception {
    List<Double> heard = Collections.synchronizedList(new ArrayList<>());
    PostgresLeaseCoordinator m = live(coordinator("m").leaseDuration(Duration.ofSeconds(3))
        .heartbeatInterval(Duration.ofMillis(100)).claimBatch(1).rateBudget(20, heard::add));
    m.offer(UNITS.subList(0, 2));
    YearMake unit = m.claim().orElseThrow();
    assertThat(m.holds(unit)).isTrue();
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      // the others forgot m and took the whole budget
      s.execute("DELETE FROM " + schema + ".fleet_member WHERE owner = 'm';"
          + "INSERT INTO " + schema + ".fleet_member (owner, host, pid, ttl_ms, budget, share)"
          + " VALUES ('other', 'elsewhere', 1, 600000, 20, 20)");
    }

    await("m to see it has no share", Duration.ofSeconds(10), () -> m.share() == 0);

    assertThat(m.holds(unit)).isFalse();
    assertThat(m.claim()).isEmpty();
    assertThat(m.retryClaimAfter()).isPresent();
    assertThat(heard).as("shares the listener heard").containsExactly(20.0).doesNotContain(0.0);

    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      s.execute("UPDATE " + schema + ".fleet_member SET share = 10 WHERE owner = 'other'");
    }
    await("m to get the room back", Duration.ofSeconds(10), () -> m.share() == 10);
    assertThat(heard).containsExactly(20.0, 10.0);
  }

  @Test
  @DisplayName("the share rule: down to the target at once, up only into the room the others left")
  void shareRule() {
    assertThat(FleetTable.share(30, 10, 0)).isEqualTo(10);
    assertThat(FleetTable.share(0, 10, 0)).isEqualTo(0);
    assertThat(FleetTable.share(0, 10, 4)).isEqualTo(4);
    assertThat(FleetTable.share(0, 10, 25)).isEqualTo(10);
    assertThat(FleetTable.share(5, 10, 3)).as("never lowered by the others' excess").isEqualTo(5);
    assertThat(FleetTable.share(0, 10, 0.1)).as("a crumb is not worth taking").isEqualTo(0);
  }

  @Test
  @DisplayName("build() rejects every bad setting at once, naming each")
  void rejectsBadSettings() {
    assertThatThrownBy(() -> PostgresLeaseCoordinator.builder().jdbcUrl("jdbc:sqlite:x.db").schema("no way")
            .ownerId(" ").leaseDuration(Duration.ofMillis(100)).claimBatch(0).maxAttempts(0)
            .rateBudget(-1, null).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("jdbcUrl must start with jdbc:postgresql:")
        .hasMessageContaining("schema").hasMessageContaining("ownerId")
        .hasMessageContaining("leaseDuration").hasMessageContaining("claimBatch")
        .hasMessageContaining("maxAttempts").hasMessageContaining("rateBudget");
    assertThatThrownBy(() -> PostgresLeaseCoordinator.builder().jdbcUrl(URL)
            .leaseDuration(Duration.ofSeconds(2)).heartbeatInterval(Duration.ofSeconds(2)).build())
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("heartbeatInterval");
  }

  private javax.sql.DataSource dataSource() {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(URL);
    ds.setUser(USER);
    ds.setCurrentSchema(schema);
    return ds;
  }
}
