package dev.cwo.db;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The SQL of the {@code fleet_member} table (migration V2) and the rule that splits the site's rate
 * budget across live members. Stateless; runs in the caller's transaction.
 *
 * <p>The rule, applied by each member on each heartbeat while holding a transaction-scoped
 * advisory lock (so two members never decide at once): the budget is the smallest one among live
 * members, the target share is {@code budget / members}; a member above the target comes down to
 * it, a member below it goes up to it, but only as far as the shares recorded by the others leave
 * room. A member cuts its local rate <em>before</em> it records the cut, and raises it only
 * <em>after</em> the raise is committed, so the recorded shares, which never sum above the budget,
 * always bound what the members actually send.
 */
final class FleetTable {
  private FleetTable() {}

  /** Serialises share decisions across the fleet (an arbitrary, fixed 64-bit key). */
  private static final long LOCK_KEY = 0x63776f666c656574L; // "cwofleet"

  /** The outcome of one member heartbeat: the recorded share before and after, and the target. */
  record Decision(double before, double after, double target, int members, double budget) {}

  /**
   * Records this member as alive, forgets members not seen for their time-to-live, and decides
   * this member's share. With {@code budget} null the member takes no part in rate sharing.
   */
  static Decision heartbeat(DSLContext tx, String owner, String host, long pid, long ttlMillis, Double budget) {
    tx.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
    double before = tx.fetchOne(
            "INSERT INTO fleet_member (owner, host, pid, ttl_ms, budget, share, started_at, last_seen)"
                + " VALUES (?, ?, ?, ?, ?, 0, clock_timestamp(), clock_timestamp())"
                + " ON CONFLICT (owner) DO UPDATE SET last_seen = clock_timestamp(),"
                + " ttl_ms = excluded.ttl_ms, budget = excluded.budget RETURNING share",
            owner, host, pid, ttlMillis, budget)
        .get(0, Double.class);
    tx.execute("DELETE FROM fleet_member WHERE last_seen < clock_timestamp() - ttl_ms * interval '1 millisecond'");
    if (budget == null) return new Decision(before, before, 0, 0, 0);
    Result<Record> members = tx.fetch("SELECT owner, budget, share FROM fleet_member WHERE budget IS NOT NULL");
    double fleetBudget = budget;
    double others = 0;
    for (Record m : members) {
      fleetBudget = Math.min(fleetBudget, m.get(1, Double.class));
      if (!owner.equals(m.get(0, String.class))) others += m.get(2, Double.class);
    }
    double target = fleetBudget / members.size();
    double after = share(before, target, fleetBudget - others);
    if (after != before) {
      tx.execute("UPDATE fleet_member SET share = ? WHERE owner = ?", after, owner);
    }
    return new Decision(before, after, target, members.size(), fleetBudget);
  }

  /**
   * The new share: down to the target when above it; up towards it as far as {@code room} (the
   * budget minus the others' recorded shares) allows; a raise below a twentieth of the target is
   * not worth taking yet (the others are still coming down).
   */
  static double share(double current, double target, double room) {
    if (current > target) return target;
    double up = Math.min(target, room);
    if (up <= current || up < target / 20) return current;
    return up;
  }

  /** Leaves the fleet: the member's share is free at once. */
  static void leave(DSLContext tx, String owner) {
    tx.execute("DELETE FROM fleet_member WHERE owner = ?", owner);
  }
}
