package dev.cwo.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when told to, for deterministic tests of session expiry, rate
 * limits and per-second counters.
 *
 * <p>Thread-safe. Usage:
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * SimulatedCwoSite site = SimulatedCwoSite.builder().clock(clock).build().start();
 * clock.advance(Duration.ofMinutes(30));
 * }</pre>
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock forward (or back, for a negative amount). */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    now.updateAndGet(i -> i.plus(amount));
  }

  /** Sets the clock to an instant. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualClock is always UTC");
  }
}
