package dev.cwo.db;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

import dev.cwo.YearMake;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep2;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL of the {@code work_unit} table (migration V2): offer, claim, renew, done, release. Every
 * time is the database server's ({@code clock_timestamp()}), so the processes' clocks never
 * matter. Stateless; each method runs in the caller's transaction.
 */
final class WorkTable {
  private WorkTable() {}

  static final Table<?> WORK_UNIT = table(name("work_unit"));
  static final Field<Integer> YEAR = field(name("year"), SQLDataType.INTEGER);
  static final Field<String> MAKE = field(name("make"), SQLDataType.VARCHAR);
  static final Field<String> STATE = field(name("state"), SQLDataType.VARCHAR);
  static final Field<String> OWNER = field(name("owner"), SQLDataType.VARCHAR);
  static final Field<Integer> ATTEMPTS = field(name("attempts"), SQLDataType.INTEGER);
  static final Field<java.time.OffsetDateTime> LEASE_UNTIL =
      field(name("lease_until"), SQLDataType.TIMESTAMPWITHTIMEZONE);
  static final Field<String> LAST_ERROR = field(name("last_error"), SQLDataType.VARCHAR);
  private static final int CHUNK = 500;

  /** Inserts units not yet known; known ones keep their state. */
  static void offer(DSLContext tx, Collection<YearMake> units) {
    List<YearMake> all = new ArrayList<>(units);
    for (int i = 0; i < all.size(); i += CHUNK) {
      InsertValuesStep2<?, Integer, String> insert = tx.insertInto(WORK_UNIT, YEAR, MAKE);
      for (YearMake u : all.subList(i, Math.min(all.size(), i + CHUNK))) {
        insert = insert.values(u.year(), u.make());
      }
      insert.onConflictDoNothing().execute();
    }
  }

  /**
   * Parks units whose lease expired after {@code maxAttempts} claims, then claims up to {@code
   * limit} units that are pending or whose lease expired, skipping rows other transactions hold.
   */
  static List<YearMake> claim(DSLContext tx, String owner, long leaseMillis, int maxAttempts, int limit) {
    tx.execute(
        "UPDATE work_unit w SET state = 'parked', lease_until = NULL, last_error = "
            + "'its lease expired after ' || w.attempts || ' attempt(s); the last owner, ' || w.owner"
            + " || ', stopped renewing it at ' || w.lease_until || coalesce('; before that: ' || w.last_error, '')"
            + " FROM (SELECT year, make FROM work_unit WHERE state = 'leased'"
            + " AND lease_until < clock_timestamp() AND attempts >= ? FOR UPDATE SKIP LOCKED) x"
            + " WHERE w.year = x.year AND w.make = x.make",
        maxAttempts);
    return tx.fetch(
            "UPDATE work_unit w SET state = 'leased', owner = ?, attempts = w.attempts + 1,"
                + " lease_until = clock_timestamp() + ? * interval '1 millisecond',"
                + " claimed_at = clock_timestamp(),"
                + " last_error = CASE WHEN w.state = 'leased' THEN 'the lease of ' || w.owner"
                + " || ' expired at ' || w.lease_until ELSE w.last_error END"
                + " FROM (SELECT year, make FROM work_unit WHERE state = 'pending'"
                + " OR (state = 'leased' AND lease_until < clock_timestamp() AND attempts < ?)"
                + " ORDER BY attempts, year DESC, make LIMIT ? FOR UPDATE SKIP LOCKED) c"
                + " WHERE w.year = c.year AND w.make = c.make RETURNING w.year, w.make",
            owner, leaseMillis, maxAttempts, limit)
        .map(r -> new YearMake(r.get(0, Integer.class), r.get(1, String.class)));
  }

  /** Units not finished: pending, or leased (by anyone). */
  static int open(DSLContext tx) {
    return tx.fetchOne("SELECT count(*) FROM work_unit WHERE state IN ('pending', 'leased')")
        .get(0, Integer.class);
  }

  /** Extends the leases this owner still holds; returns the units renewed (the others are lost). */
  static List<YearMake> renew(DSLContext tx, String owner, Collection<YearMake> units, long leaseMillis) {
    if (units.isEmpty()) return List.of();
    List<YearMake> renewed = new ArrayList<>();
    for (List<RowN> chunk : rows(units)) {
      tx.update(WORK_UNIT)
          .set(LEASE_UNTIL, DSL.field("clock_timestamp() + ? * interval '1 millisecond'",
              SQLDataType.TIMESTAMPWITHTIMEZONE, leaseMillis))
          .where(OWNER.eq(owner)).and(STATE.eq("leased")).and(row(List.<Field<?>>of(YEAR, MAKE)).in(chunk))
          .returning(YEAR, MAKE)
          .fetch()
          .forEach(r -> renewed.add(unit(r)));
    }
    return renewed;
  }

  /** Marks a unit done if this owner still holds it; false if it does not. */
  static boolean done(DSLContext tx, String owner, YearMake unit) {
    return tx.execute(
            "UPDATE work_unit SET state = 'done', done_at = clock_timestamp(), lease_until = NULL,"
                + " last_error = NULL WHERE year = ? AND make = ? AND owner = ? AND state = 'leased'",
            unit.year(), unit.make(), owner) == 1;
  }

  /**
   * Gives a unit back as pending if this owner still holds it. A clean release (the run stopped)
   * does not count as an attempt; the reason is kept.
   */
  static boolean release(DSLContext tx, String owner, YearMake unit, String reason) {
    return tx.execute(
            "UPDATE work_unit SET state = 'pending', lease_until = NULL,"
                + " attempts = greatest(attempts - 1, 0), last_error = ?"
                + " WHERE year = ? AND make = ? AND owner = ? AND state = 'leased'",
            reason, unit.year(), unit.make(), owner) == 1;
  }

  private static YearMake unit(Record r) {
    return new YearMake(r.get(YEAR), r.get(MAKE));
  }

  private static List<List<RowN>> rows(Collection<YearMake> units) {
    List<List<RowN>> chunks = new ArrayList<>();
    List<RowN> current = new ArrayList<>();
    for (YearMake u : units) {
      current.add(row(new Object[] {u.year(), u.make()}));
      if (current.size() == CHUNK) {
        chunks.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) chunks.add(current);
    return chunks;
  }
}
