package dev.cwo.metrics;

import com.codahale.metrics.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Clock} that moves only when a test advances it. Thread-safe. */
final class FakeClock extends Clock {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong();

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  @Override
  public long getTick() {
    return nanos.get();
  }

  @Override
  public long getTime() {
    return START.toEpochMilli() + nanos.get() / 1_000_000;
  }
}
