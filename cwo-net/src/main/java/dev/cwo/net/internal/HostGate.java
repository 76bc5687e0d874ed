package dev.cwo.net.internal;

import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * The politeness state of one host: a concurrency limit (a fair semaphore), a smooth rate limiter
 * (each request reserves the next free send slot, {@code 1 / rate} after the previous one, and
 * goes no sooner than about {@code 1 / rate} after the request actually sent before it, so
 * requests whose threads woke late on a busy machine do not go out in a bunch), a pause
 * the host asked for with {@code Retry-After}, and the adaptive rate (halved on a 429, on 503s that
 * make up a real share of the recent answers, or on rising latency; raised additively while
 * healthy, never above the ceiling nor below the floor).
 *
 * <p>Thread-safe: all threads sending to the host share one gate. Time comes from an injected
 * nanosecond ticker and waiting from an injected {@link Sleeper}, so tests run on a fake clock.
 */
public final class HostGate {

  /** Waits a number of nanoseconds; the default sleeps the thread. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** Tuning of the adaptive rate; immutable. */
  public record Tuning(
      double ceiling,
      double floor,
      boolean adaptive,
      double decreaseFactor,
      double increaseStep,
      long adjustIntervalNanos,
      double latencyFactor,
      long maxPauseNanos) {}

  private static final double FAST_ALPHA = 0.2;
  private static final double SLOW_ALPHA = 0.01;
  private static final int WARM_UP_SAMPLES = 50;
  /**
   * How much sooner than one interval after the last request sent the next may go, to make up a
   * late wake-up: half a millisecond (at most a quarter of the interval).
   */
  public static final long MAX_CATCH_UP_NANOS = 500_000L;
  /** Weight of one answer in the moving share of 503s: about the last 50 answers count. */
  static final double UNAVAILABLE_ALPHA = 0.02;
  /**
   * The share of 503s among recent answers above which the host counts as overloaded. A host
   * answering 503 to everything gets there after 8 answers in a row; scattered 503s (a flaky
   * backend at a few per cent) essentially never do, so they are retried without slowing the host.
   */
  static final double UNAVAILABLE_SHARE = 0.15;

  private final String host;
  private final Tuning tuning;
  private final LongSupplier ticker;
  private final Sleeper sleeper;
  private final Semaphore slots;

  // guarded by this
  private double ceiling;
  private long epoch; // bumped when the rate is cut: waiting requests take a new slot
  private long lastSent;
  private double rate;
  private long nextFree;
  private long pausedUntil;
  private long lastChange;
  private double fastLatency;
  private double slowLatency;
  private long samples;
  private double unavailableShare;

  public HostGate(String host, int maxConcurrent, Tuning tuning, LongSupplier ticker,
      Sleeper sleeper) {
    this.host = host;
    this.tuning = tuning;
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.slots = new Semaphore(maxConcurrent, true);
    this.ceiling = tuning.ceiling();
    this.rate = tuning.ceiling();
    long now = ticker.getAsLong();
    this.lastSent = now - intervalNanos();
    this.nextFree = now;
    this.pausedUntil = now;
    this.lastChange = now - tuning.adjustIntervalNanos();
  }

  public String host() {
    return host;
  }

  /**
   * Takes a concurrency slot, then waits for this request's send slot (and out any pause). The
   * caller must {@link #release()} once the answer has been read.
   */
  public void enter() throws InterruptedException {
    slots.acquire();
    try {
      long wait;
      long reservedIn;
      synchronized (this) {
        long now = ticker.getAsLong();
        wait = reserveSlot(now) - now;
        reservedIn = epoch;
      }
      while (true) {
        if (wait > 0) {
          sleeper.sleepNanos(wait);
        }
        synchronized (this) {
          long now = ticker.getAsLong();
          if (now - pausedUntil < 0 || reservedIn != epoch) {
            // a Retry-After arrived, or the ceiling was cut, while this request waited: take a new slot
            wait = reserveSlot(now) - now;
            reservedIn = epoch;
            continue;
          }
          // Threads that woke late (a busy machine) must not go out in a bunch: keep about one
          // interval after the last request actually sent, waiting in place. "About": up to
          // MAX_CATCH_UP_NANOS less, so the small oversleep every wait has is made up again
          // instead of adding up (with a full interval, 16 threads at 400 req/s lost ~10 % of
          // the rate to it); a late thread still never lets the next go right behind it.
          long interval = intervalNanos();
          long earliest = lastSent + interval - Math.min(interval / 4, MAX_CATCH_UP_NANOS);
          if (now - earliest >= 0) {
            lastSent = now;
            return;
          }
          wait = earliest - now;
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Gives the concurrency slot back. */
  public void release() {
    slots.release();
  }

  /** Records a usable (2xx) answer that took {@code latencyNanos}. */
  public synchronized void healthy(long latencyNanos) {
    long now = ticker.getAsLong();
    unavailableShare -= UNAVAILABLE_ALPHA * unavailableShare;
    samples++;
    if (samples == 1) {
      fastLatency = latencyNanos;
      slowLatency = latencyNanos;
    } else {
      fastLatency += FAST_ALPHA * (latencyNanos - fastLatency);
      slowLatency += SLOW_ALPHA * (latencyNanos - slowLatency);
    }
    if (!tuning.adaptive() || now - lastChange < tuning.adjustIntervalNanos()) {
      return;
    }
    if (samples >= WARM_UP_SAMPLES && fastLatency > tuning.latencyFactor() * slowLatency) {
      decrease(now);
    } else if (rate < ceiling) {
      rate = Math.min(ceiling, rate + tuning.increaseStep());
      lastChange = now;
    }
  }

  /**
   * Records a 429 (or another answer that asked to wait): the rate backs off (at most once per adjust interval, so a burst of
   * such answers halves it once) and, with {@code retryAfterNanos >= 0}, every request to the host
   * waits until then.
   */
  public synchronized void overloaded(long retryAfterNanos) {
    long now = ticker.getAsLong();
    pauseFor(now, retryAfterNanos);
    if (tuning.adaptive() && now - lastChange >= tuning.adjustIntervalNanos()) {
      decrease(now);
    }
  }

  /**
   * Records a 503. With {@code retryAfterNanos >= 0} every request to the host waits until then, as
   * for a 429. The rate backs off (at most once per adjust interval) only when 503s have become a
   * real share of the recent answers (see {@link #UNAVAILABLE_SHARE}): a 503 here and there says a
   * backend hiccuped, not that this client is too fast, and halving the rate for each would keep a
   * long scrape far below the rate the site allows.
   */
  public synchronized void unavailable(long retryAfterNanos) {
    long now = ticker.getAsLong();
    pauseFor(now, retryAfterNanos);
    unavailableShare += UNAVAILABLE_ALPHA * (1 - unavailableShare);
    if (tuning.adaptive() && unavailableShare >= UNAVAILABLE_SHARE
        && now - lastChange >= tuning.adjustIntervalNanos()) {
      decrease(now);
    }
  }

  /** The next free send slot (not before {@code now} nor the end of a pause), taken. Holds the lock. */
  private long reserveSlot(long now) {
    long slot = Math.max(now, Math.max(nextFree, pausedUntil));
    nextFree = slot + intervalNanos();
    return slot;
  }

  /** With {@code retryAfterNanos >= 0}, pauses the host that long (capped), unless already paused longer. */
  private void pauseFor(long now, long retryAfterNanos) {
    if (retryAfterNanos < 0) return;
    long until = now + Math.min(retryAfterNanos, tuning.maxPauseNanos());
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
  }

  private void decrease(long now) {
    rate = Math.max(Math.min(tuning.floor(), ceiling), rate * tuning.decreaseFactor());
    lastChange = now;
  }

  /**
   * Changes the ceiling at run time. A cut takes effect at once: the rate drops to the new ceiling
   * and requests already waiting for a slot take a new one, spaced at the new rate from the last
   * request sent, so the host never sees the old rate after this returns (requests already past
   * their slot are in flight). A raise lifts a rate that was at the old ceiling to the new one; a
   * rate that had backed off keeps climbing as usual.
   *
   * @param requestsPerSecond the new ceiling, positive and finite
   */
  public synchronized void ceiling(double requestsPerSecond) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("ceiling must be positive and finite, was " + requestsPerSecond);
    }
    boolean atCeiling = rate >= ceiling;
    ceiling = requestsPerSecond;
    if (rate > ceiling) {
      rate = ceiling;
      epoch++;
      nextFree = lastSent + intervalNanos();
    } else if (atCeiling) {
      rate = ceiling;
    }
  }

  /** The current ceiling in requests per second. */
  public synchronized double ceiling() {
    return ceiling;
  }

  private long intervalNanos() {
    return (long) (1_000_000_000L / rate);
  }

  /** The current rate in requests per second. */
  public synchronized double rate() {
    return rate;
  }

  /** Nanoseconds of the ticker until which the host is paused (may be in the past). */
  public synchronized long pausedUntil() {
    return pausedUntil;
  }

  /** Requests that hold a concurrency slot right now. */
  public int inFlight(int maxConcurrent) {
    return maxConcurrent - slots.availablePermits();
  }

  @Override
  public synchronized String toString() {
    return "HostGate[" + host + ", " + String.format("%.2f", rate) + " req/s]";
  }
}
