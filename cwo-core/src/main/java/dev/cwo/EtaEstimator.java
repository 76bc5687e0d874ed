package dev.cwo;

import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Estimates how long a run has left from the counts seen so far, and turns counts into {@link
 * ProgressSnapshot}s.
 *
 * <p><b>The model.</b> The tree is walked level by level: units (year and make) → models → trims →
 * drives → vehicles → sessions → combinations. For each level the estimator measures the fan-out
 * observed so far: items found at the level per item of the parent level that is resolved (done,
 * skipped or failed). The expected size of a level is what was found plus the fan-out times the
 * parent items not resolved yet (counting those expected but not yet found). Work left at a level
 * is its expected size minus what is resolved, less the share that was skipped as already stored
 * so far. The sum over levels, divided by the recent rate of fetched items, is the ETA. The
 * estimate improves as the tree is discovered; it is empty while some level has work ahead but no
 * resolved parent to measure a fan-out from, or while nothing has been fetched yet.
 *
 * <p><b>The rate</b> is measured over a sliding window (default one minute) of the snapshots
 * asked for, so that it follows the adaptive rate limiter rather than the run's average.
 *
 * <p>Not thread-safe: one run asks for its snapshots from one thread at a time.
 */
public final class EtaEstimator {
  /** The levels a run walks, each after its parent (an immutable list). */
  public static final List<TreeLevel> CHAIN = List.of(TreeLevel.MODELS, TreeLevel.TRIMS, TreeLevel.DRIVES,
      TreeLevel.VEHICLES, TreeLevel.SESSIONS, TreeLevel.COMBINATIONS);

  private final long windowNanos;
  private final long totalUnits;
  private final Deque<long[]> samples = new ArrayDeque<>(); // {elapsedNanos, fetched}

  /**
   * An estimator for a run of {@code totalUnits} units (0 if unknown: then only units already
   * claimed are counted), measuring the rate over {@code window}.
   */
  public EtaEstimator(long totalUnits, Duration window) {
    if (totalUnits < 0) throw new IllegalArgumentException("totalUnits must be >= 0, was " + totalUnits);
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive, was " + window);
    this.totalUnits = totalUnits;
    this.windowNanos = window.toNanos();
    samples.add(new long[] {0, 0});
  }

  /** The snapshot of {@code levels} at {@code elapsed}, with the rate and the estimate. */
  public ProgressSnapshot snapshot(Map<TreeLevel, LevelCounts> levels, Duration elapsed, boolean finished) {
    long now = elapsed.toNanos();
    long fetched = fetched(levels);
    long[] last = samples.peekLast();
    if (now > last[0]) samples.addLast(new long[] {now, fetched});
    // keep one sample at or before the window's start, so the window is always covered
    while (samples.size() > 2) {
      Iterator<long[]> it = samples.iterator();
      it.next();
      long[] second = it.next();
      if (second[0] <= now - windowNanos) samples.removeFirst();
      else break;
    }
    long[] first = samples.peekFirst();
    double rate = now > first[0] ? (fetched - first[1]) / ((now - first[0]) / 1e9) : 0;
    rate = Math.max(0, rate);
    Optional<Duration> eta;
    if (finished) {
      eta = Optional.of(Duration.ZERO);
    } else {
      eta = Optional.empty();
      OptionalDouble left = remainingRequests(levels, totalUnits);
      if (left.isPresent()) {
        if (left.getAsDouble() < 0.5) eta = Optional.of(Duration.ZERO);
        else if (rate > 0) eta = Optional.of(Duration.ofMillis(Math.round(left.getAsDouble() / rate * 1000)));
      }
    }
    return new ProgressSnapshot(levels, elapsed, rate, eta, finished);
  }

  /** Items fetched so far: done or failed at every level of the walk. */
  public static long fetched(Map<TreeLevel, LevelCounts> levels) {
    long sum = 0;
    for (TreeLevel l : CHAIN) {
      LevelCounts c = levels.getOrDefault(l, LevelCounts.ZERO);
      sum += c.done() + c.failed();
    }
    return sum;
  }

  /**
   * The expected number of items still to fetch (see the class comment), or empty when a level
   * has work ahead but its fan-out cannot be measured yet.
   *
   * @param totalUnits units of the run, 0 if unknown
   */
  public static OptionalDouble remainingRequests(Map<TreeLevel, LevelCounts> levels, long totalUnits) {
    double parentExpected = 0;
    long parentResolved = 0;
    double remaining = 0;
    for (TreeLevel level : CHAIN) {
      LevelCounts c = levels.getOrDefault(level, LevelCounts.ZERO);
      double expected;
      if (level == TreeLevel.MODELS) {
        expected = Math.max(c.found(), totalUnits);
      } else if (parentExpected - parentResolved > 1e-9) {
        if (parentResolved == 0) return OptionalDouble.empty();
        double fanOut = (double) c.found() / parentResolved;
        expected = c.found() + fanOut * (parentExpected - parentResolved);
      } else {
        expected = c.found();
      }
      long resolved = c.done() + c.skipped() + c.failed();
      double open = Math.max(0, expected - resolved);
      double skippedShare = resolved == 0 ? 0 : (double) c.skipped() / resolved;
      remaining += open * (1 - skippedShare);
      parentExpected = expected;
      parentResolved = resolved;
    }
    return OptionalDouble.of(remaining);
  }
}
