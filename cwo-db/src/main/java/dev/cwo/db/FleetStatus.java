package dev.cwo.db;

import dev.cwo.StoreException;
import dev.cwo.YearMake;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A snapshot of a fleet's work table and members, as {@code cwo status} shows it: how many units
 * are pending, leased, done and parked; every lease (by whom, until when); every parked unit with
 * its error; the live members and their shares of the rate budget.
 *
 * <p>Immutable. Read it with {@link #read(DataSource)}:
 *
 * <pre>{@code
 * FleetStatus s = FleetStatus.read(dataSource);
 * System.out.println(s.count("done") + " units done; fleet at " + s.rate() + " req/s per host");
 * }</pre>
 *
 * @param units units per state ({@code pending}, {@code leased}, {@code done}, {@code parked}), all present
 * @param leases the units leased now, by year and make
 * @param parked the units parked after too many attempts
 * @param members the live members of the fleet
 * @param at the database server's time of the snapshot
 */
public record FleetStatus(
    Map<String, Long> units, List<Lease> leases, List<Parked> parked, List<Member> members, Instant at) {

  /** One lease: the unit, its owner, when the lease ends unless renewed, and how often it was claimed. */
  public record Lease(YearMake unit, String owner, Instant until, int attempts) {}

  /** A parked unit and why. */
  public record Parked(YearMake unit, int attempts, String error) {}

  /**
   * A live member: its owner id, host, process id, last heartbeat, the budget it was given
   * (requests/s per host for the whole fleet; empty without rate sharing) and its share.
   */
  public record Member(String owner, String host, long pid, Instant lastSeen, Optional<Double> budget, double share) {}

  public FleetStatus {
    units = Map.copyOf(units);
    leases = List.copyOf(leases);
    parked = List.copyOf(parked);
    members = List.copyOf(members);
    Objects.requireNonNull(at, "at");
  }

  /** Units in one state; 0 for a state none is in. */
  public long count(String state) {
    return units.getOrDefault(state, 0L);
  }

  /** The fleet's budget: the smallest among live members; empty when no member shares a rate. */
  public Optional<Double> budget() {
    return members.stream().flatMap(m -> m.budget().stream()).min(Double::compare);
  }

  /** The sum of the members' shares: what the fleet may send to each host, per second. */
  public double rate() {
    return members.stream().mapToDouble(Member::share).sum();
  }

  /**
   * Reads the snapshot from a PostgreSQL database whose schema has the work tables (any cwo store
   * or coordinator on it created them).
   *
   * @throws StoreException if the database cannot be read or has no work table
   */
  public static FleetStatus read(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    try {
      return dsl.transactionResult(c -> read(c.dsl()));
    } catch (RuntimeException e) {
      throw new StoreException("cannot read the fleet's work table: " + e.getMessage()
          + " (is this the PostgreSQL database the fleet uses, with its schema?)", e);
    }
  }

  private static FleetStatus read(DSLContext tx) {
    // one snapshot for every query, taken by the first one: counts, leases and members agree, and
    // no heartbeat seen is later than the snapshot's time
    tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    Instant now = tx.fetchOne("SELECT clock_timestamp()").get(0, OffsetDateTime.class).toInstant();
    Map<String, Long> units = new TreeMap<>();
    for (String s : List.of("pending", "leased", "done", "parked")) units.put(s, 0L);
    for (Record r : tx.fetch("SELECT state, count(*) FROM work_unit GROUP BY state")) {
      units.put(r.get(0, String.class), r.get(1, Long.class));
    }
    List<Lease> leases = tx.fetch(
            "SELECT year, make, owner, lease_until, attempts FROM work_unit WHERE state = 'leased'"
                + " ORDER BY year DESC, make")
        .map(r -> new Lease(unit(r), r.get(2, String.class), r.get(3, OffsetDateTime.class).toInstant(),
            r.get(4, Integer.class)));
    List<Parked> parked = tx.fetch(
            "SELECT year, make, attempts, last_error FROM work_unit WHERE state = 'parked'"
                + " ORDER BY year DESC, make")
        .map(r -> new Parked(unit(r), r.get(2, Integer.class), String.valueOf(r.get(3, String.class))));
    List<Member> members = tx.fetch(
            "SELECT owner, host, pid, last_seen, budget, share FROM fleet_member"
                + " WHERE last_seen >= clock_timestamp() - ttl_ms * interval '1 millisecond' ORDER BY started_at, owner")
        .map(r -> new Member(r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class),
            r.get(3, OffsetDateTime.class).toInstant(), Optional.ofNullable(r.get(4, Double.class)),
            r.get(5, Double.class)));
    return new FleetStatus(units, leases, parked, members, now);
  }

  private static YearMake unit(Record r) {
    return new YearMake(r.get(0, Integer.class), r.get(1, String.class));
  }
}
