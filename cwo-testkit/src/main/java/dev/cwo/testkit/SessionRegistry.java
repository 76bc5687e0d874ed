package dev.cwo.testkit;

import dev.cwo.VehicleKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store host's PHP sessions: an opaque id bound to one vehicle (or none), expiring after a
 * number of fitment-page uses and/or a time-to-live on the site's clock.
 *
 * <p>Thread-safe.
 */
final class SessionRegistry {
  /** One session; {@code vehicle} and {@code chassis} are null when set-vehicle bound nothing. */
  record Session(VehicleKey vehicle, String chassis, Instant created, AtomicInteger uses) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final long seed;
  private final InstantSource clock;
  private final int maxUses;
  private final Duration ttl;

  SessionRegistry(long seed, InstantSource clock, int maxUses, Duration ttl) {
    this.seed = seed;
    this.clock = clock;
    this.maxUses = maxUses;
    this.ttl = ttl;
  }

  /** Opens a session and returns its id. */
  String open(VehicleKey vehicle, String chassis) {
    long n = sequence.incrementAndGet();
    String id = String.format("%016x%08x", Mix.mix(seed, n), n);
    sessions.put(id, new Session(vehicle, chassis, clock.instant(), new AtomicInteger()));
    if ((n & 4095) == 0) {
      prune();
    }
    return id;
  }

  /**
   * Uses a session for one fitment page: true when it exists, has not expired and holds this
   * vehicle and chassis. Every presentation of a live session counts as a use.
   */
  boolean use(String id, VehicleKey vehicle, String chassis) {
    if (id == null) {
      return false;
    }
    Session s = sessions.get(id);
    if (s == null || expiredByTime(s)) {
      return false;
    }
    int use = s.uses().incrementAndGet();
    if (maxUses > 0 && use > maxUses) {
      return false;
    }
    return s.vehicle() != null && s.vehicle().equals(vehicle) && s.chassis().equals(chassis);
  }

  /** How many sessions are held (live or expired but not yet pruned). */
  int size() {
    return sessions.size();
  }

  private boolean expiredByTime(Session s) {
    return ttl != null && !clock.instant().isBefore(s.created().plus(ttl));
  }

  private void prune() {
    sessions.values().removeIf(s -> expiredByTime(s) || (maxUses > 0 && s.uses().get() > maxUses));
  }
}
