package dev.cwo.spi;

import dev.cwo.TreeLevel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The progress of a run at one moment. An immutable value; thread-safe.
 *
 * @param levels counts per level of the tree (found, skipped as stored, done, failed)
 * @param elapsed time since the run started
 * @param requestsPerSecond items fetched (done or failed, at every level) per second over the
 *     last minute or so; one item is one request except at {@link TreeLevel#SESSIONS}, where it is
 *     the handful of requests that open a vehicle's session and read its option lists
 * @param eta the estimated time left, from the fan-out of each level observed so far and {@code
 *     requestsPerSecond} (see {@code dev.cwo.EtaEstimator}); empty while the tree has not been seen
 *     deep enough to guess, zero at the end
 * @param finished whether this is the run's last snapshot
 */
public record ProgressSnapshot(
    Map<TreeLevel, LevelCounts> levels,
    Duration elapsed,
    double requestsPerSecond,
    Optional<Duration> eta,
    boolean finished) {

  public ProgressSnapshot {
    levels = Map.copyOf(levels);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(eta, "eta");
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("requestsPerSecond must be finite and >= 0, was " + requestsPerSecond);
    }
  }

  /** A snapshot with counts and time only: no rate, no estimate, not the last. */
  public ProgressSnapshot(Map<TreeLevel, LevelCounts> levels, Duration elapsed) {
    this(levels, elapsed, 0, Optional.empty(), false);
  }

  /** The counts of {@code level}, zero if it has none. */
  public LevelCounts level(TreeLevel level) {
    return levels.getOrDefault(level, LevelCounts.ZERO);
  }
}
