package dev.cwo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.FleetStatus;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs ({@link FleetWorker}) scrape one {@link SimulatedCwoSite} (in this JVM) into one
 * PostgreSQL schema as a fleet; one of them is killed with {@code destroyForcibly} in the middle of
 * its units. The store must end exact, no unit may be worked on by two owners at once (from the
 * workers' event files), the killed process's units must be finished by the others only after its
 * lease expired, and neither the site nor any host may see more than the fleet's budget (+5 %) in
 * any second. Skips without PostgreSQL unless {@code CWO_REQUIRE_PG=1}.
 */
@Tag("slow")
class FleetScrapeTest {
  private static final String PG = System.getProperty("cwo.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER = System.getProperty("cwo.pg.user", "postgres");
  /** Requests per second to each host, for the whole fleet. */
  private static final double BUDGET = 80;
  private static final long LEASE_MS = 3_000;
  private static final long HEARTBEAT_MS = 500;
  private static final int WORKERS = 4;
  private static final long KILL_AFTER_PAGES = 120;

  @TempDir Path dir;
  private String schema;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void cleanUp() throws SQLException {
    processes.forEach(Process::destroyForcibly);
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(PG, USER, ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  @DisplayName("three processes share the work and the rate budget; one killed mid-unit has its units"
      + " finished by the others after its lease expired; the store ends exact")
  void fleetOfThree() throws Exception {
    schema = createSchema();
    String db = PG + "?user=" + USER + "&currentSchema=" + schema;
    JooqCombinationStore.builder().jdbcUrl(db).build().close(); // migrate once, up front
    SimulatedCatalog catalog = SimulatedCatalog.builder().seed(8).years(3).makesPerYear(4)
        .modelsPerMake(2).trimsPerModel(2).drivesPerTrim(2).build();
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(catalog).build().start()) {
      List<Worker> fleet = new ArrayList<>();
      for (int i = 0; i < 3; i++) fleet.add(start(site, db, "w" + i));
      Worker victim = fleet.get(0);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!(victim.pages() >= KILL_AFTER_PAGES && midUnit(victim, leasesOf(db, victim.owner).keySet()))) {
        assertThat(victim.finished()).as("the victim ended before it could be killed: " + victim.lines()).isFalse();
        assertThat(System.nanoTime()).as("the victim to be mid-unit").isLessThan(deadline);
        LockSupport.parkNanos(20_000_000L);
      }
      victim.process.destroyForcibly();
      assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Map<String, OffsetDateTime> orphans = leasesOf(db, victim.owner);
      assertThat(orphans).as("units the victim held when it died").isNotEmpty();

      for (Worker w : fleet.subList(1, 3)) {
        assertThat(w.process.waitFor(180, TimeUnit.SECONDS)).as(w.owner + " to finish").isTrue();
        assertThat(w.lastLine()).as(w.owner + ": " + w.lines()).isEqualTo("done COMPLETE");
      }

      assertStoreExact(site, db);
      FleetStatus status = status(db);
      int units = site.groundTruth().units().size();
      assertThat(status.count("done")).isEqualTo(units);
      assertThat(status.count("pending") + status.count("leased") + status.count("parked")).isZero();

      Map<String, Map<String, long[]>> spans = spans(fleet);
      assertNoOverlap(spans);
      for (Map.Entry<String, OffsetDateTime> orphan : orphans.entrySet()) {
        Map<String, Object> row = row(db, orphan.getKey());
        assertThat(row.get("owner")).as("who finished " + orphan.getKey()).isIn("w1", "w2");
        assertThat(row.get("attempts")).isEqualTo(2);
        OffsetDateTime claimed = (OffsetDateTime) row.get("claimed_at");
        assertThat(claimed).as("taken over only after the victim's lease ran out").isAfterOrEqualTo(orphan.getValue());
        assertThat(spans.get(orphan.getKey())).as("worked on by another").containsKey((String) row.get("owner"));
      }
      assertThat(orphans.keySet()).as("units the victim died in the middle of, finished by another")
          .anySatisfy(unit -> assertThat(spans.get(unit)).containsKey(victim.owner).hasSizeGreaterThan(1));

      Map<Integer, Long> busiest = busiestSecondPerHost(fleet);
      long siteBusiest = site.stats().maxRequestsInAnySecond();
      System.out.printf("fleet: %d units, %d requests, busiest second per host %s (budget %.0f), site busiest second %d,"
          + " %d unit(s) taken over from the killed process%n", units, site.stats().totalRequests(), busiest, BUDGET,
          siteBusiest, orphans.size());
      assertThat(busiest.values()).as("requests sent to one host in any second, all processes together")
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo((long) Math.floor(BUDGET * 1.05)));
      assertThat(siteBusiest).as("requests the site saw in any second, both hosts together")
          .isLessThanOrEqualTo((long) Math.floor(2 * BUDGET * 1.05));
    }
  }

  // --- processes -----------------------------------------------------------------------------

  private final class Worker {
    final String owner;
    final Process process;
    final Path events;
    private final List<String> lines = new ArrayList<>();
    private volatile long pages;
    private volatile boolean finished;

    Worker(String owner, Process process, Path events) {
      this.owner = owner;
      this.process = process;
      this.events = events;
      Thread reader = new Thread(this::read, "read-" + owner);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
          }
          if (line.startsWith("progress ")) pages = Long.parseLong(line.substring(9));
        }
      } catch (IOException e) {
        // the process died
      } finally {
        finished = true;
      }
    }

    long pages() {
      return pages;
    }

    boolean finished() {
      return finished;
    }

    String lastLine() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!finished && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000L);
      synchronized (lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      }
    }

    String lines() {
      synchronized (lines) {
        List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
        return tail + " (log: " + dir.resolve(owner + ".log") + ")";
      }
    }
  }

  private Worker start(SimulatedCwoSite site, String db, String owner) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path events = dir.resolve(owner + ".events");
    Process p = new ProcessBuilder(
            java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), FleetWorker.class.getName(),
            site.apiBase().toString(), site.storeBase().toString(), db, owner, String.valueOf(BUDGET),
            String.valueOf(LEASE_MS), String.valueOf(HEARTBEAT_MS), String.valueOf(WORKERS), events.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(owner + ".log").toFile()))
        .start();
    processes.add(p);
    return new Worker(owner, p, events);
  }

  // --- checks --------------------------------------------------------------------------------

  private void assertStoreExact(SimulatedCwoSite site, String db) {
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
      store.forEachVehicle(v -> vehicles.put(v.key(), v));
      assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
      List<Fitment> fitments = new ArrayList<>();
      store.forEachFitment(fitments::add);
      fitments.sort(Comparator.comparing(Fitment::key));
      assertThat(fitments).containsExactlyElementsOf(
          site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList());
      assertThat(store.failures()).isEmpty();
    }
  }

  /** Per unit, per owner: the first moment it called the site for the unit and the last. */
  private static Map<String, Map<String, long[]>> spans(List<Worker> fleet) throws IOException {
    Map<String, Map<String, long[]>> spans = new TreeMap<>();
    for (Worker w : fleet) {
      for (String line : Files.readAllLines(w.events, StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (!(f[0].equals("B") || f[0].equals("E")) || f.length != 4) continue;
        long t = Long.parseLong(f[3]);
        long[] span = spans.computeIfAbsent(f[1] + " " + f[2], k -> new TreeMap<>())
            .computeIfAbsent(w.owner, k -> new long[] {t, t});
        span[0] = Math.min(span[0], t);
        span[1] = Math.max(span[1], t);
      }
    }
    return spans;
  }

  private static void assertNoOverlap(Map<String, Map<String, long[]>> spans) {
    assertThat(spans).isNotEmpty();
    spans.forEach((unit, byOwner) -> {
      List<Map.Entry<String, long[]>> list = new ArrayList<>(byOwner.entrySet());
      list.sort(Comparator.comparingLong(e -> e.getValue()[0]));
      for (int i = 1; i < list.size(); i++) {
        Map.Entry<String, long[]> before = list.get(i - 1);
        Map.Entry<String, long[]> after = list.get(i);
        assertThat(after.getValue()[0])
            .as("%s: %s worked on it until %d, %s from %d", unit, before.getKey(), before.getValue()[1],
                after.getKey(), after.getValue()[0])
            .isGreaterThan(before.getValue()[1]);
      }
    });
  }

  /** The most requests sent to each host (by port) in any one epoch second, all workers together. */
  private static Map<Integer, Long> busiestSecondPerHost(List<Worker> fleet) throws IOException {
    Map<Integer, Map<Long, Long>> counts = new HashMap<>();
    for (Worker w : fleet) {
      for (String line : Files.readAllLines(w.events, StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (!f[0].equals("S") || f.length != 3) continue;
        counts.computeIfAbsent(Integer.parseInt(f[1]), k -> new HashMap<>())
            .merge(Long.parseLong(f[2]) / 1000, 1L, Long::sum);
      }
    }
    Map<Integer, Long> busiest = new TreeMap<>();
    counts.forEach((port, perSecond) -> busiest.put(port, perSecond.values().stream().max(Long::compare).orElse(0L)));
    assertThat(busiest).as("requests recorded for both hosts").hasSize(2);
    return busiest;
  }

  // --- database ------------------------------------------------------------------------------

  private static String createSchema() {
    String schema = "cwo_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG, USER, ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String why = "PostgreSQL is not reachable at " + PG + " as " + USER + ": " + e.getMessage();
      if ("1".equals(System.getenv("CWO_REQUIRE_PG"))) Assertions.fail(why + " (CWO_REQUIRE_PG=1)");
      Assumptions.abort(why + "; skipping (set CWO_REQUIRE_PG=1 to fail instead)");
    }
    return schema;
  }

  private static FleetStatus status(String db) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(db);
    return FleetStatus.read(ds);
  }

  /** Whether the worker has called the site for one of these units (it holds them: so it is mid-unit). */
  private static boolean midUnit(Worker w, java.util.Set<String> leased) throws IOException {
    if (leased.isEmpty()) return false;
    for (String line : Files.readAllLines(w.events, StandardCharsets.UTF_8)) {
      String[] f = line.split(" ");
      if (f[0].equals("B") && f.length == 4 && leased.contains(f[1] + " " + f[2])) return true;
    }
    return false;
  }

  /** The units an owner holds a lease on, keyed as in the event files, with the lease's end. */
  private static Map<String, OffsetDateTime> leasesOf(String db, String owner) throws SQLException {
    Map<String, OffsetDateTime> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s = c.prepareStatement(
            "SELECT year, make, lease_until FROM work_unit WHERE owner = ? AND state = 'leased'")) {
      s.setString(1, owner);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getInt(1) + " " + java.net.URLEncoder.encode(r.getString(2), StandardCharsets.UTF_8),
              r.getObject(3, OffsetDateTime.class));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> row(String db, String unit) throws SQLException {
    String[] f = unit.split(" ");
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s = c.prepareStatement(
            "SELECT owner, attempts, claimed_at FROM work_unit WHERE year = ? AND make = ?")) {
      s.setInt(1, Integer.parseInt(f[0]));
      s.setString(2, java.net.URLDecoder.decode(f[1], StandardCharsets.UTF_8));
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(unit).isTrue();
        Map<String, Object> m = new HashMap<>();
        m.put("owner", r.getString(1));
        m.put("attempts", r.getInt(2));
        m.put("claimed_at", r.getObject(3, OffsetDateTime.class));
        return m;
      }
    }
  }
}
