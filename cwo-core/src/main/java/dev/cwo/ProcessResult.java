package dev.cwo;

import dev.cwo.spi.LevelCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome how the run ended
 * @param levels counts per level of the tree
 * @param failures the failures of this run (at most the first 1,000; {@code failureCount} has the
 *     total); the store's failure journal has them all
 * @param failureCount how many items failed in this run
 * @param vehiclesWritten vehicle records stored by this run
 * @param fitmentsWritten combinations stored by this run
 * @param duration wall time of the run
 * @param blockedBy the bot-wall error that stopped the run, when {@code outcome} is {@link Outcome#BLOCKED}
 */
public record ProcessResult(
    Outcome outcome,
    Map<TreeLevel, LevelCounts> levels,
    List<FailureRecord> failures,
    long failureCount,
    long vehiclesWritten,
    long fitmentsWritten,
    Duration duration,
    Optional<BlockedException> blockedBy) {

  public ProcessResult {
    levels = Map.copyOf(levels);
    failures = List.copyOf(failures);
  }

  public LevelCounts level(TreeLevel level) {
    return levels.getOrDefault(level, LevelCounts.ZERO);
  }

  /** A one-line summary for logs. */
  public String summary() {
    return String.format(
        "%s in %.1fs: vehicles %d found / %d skipped / %d fetched / %d failed; combinations %d found /"
            + " %d skipped / %d fetched / %d failed; %d written, %d failures",
        outcome,
        duration.toMillis() / 1000.0,
        level(TreeLevel.VEHICLES).found(),
        level(TreeLevel.VEHICLES).skipped(),
        level(TreeLevel.VEHICLES).done(),
        level(TreeLevel.VEHICLES).failed(),
        level(TreeLevel.COMBINATIONS).found(),
        level(TreeLevel.COMBINATIONS).skipped(),
        level(TreeLevel.COMBINATIONS).done(),
        level(TreeLevel.COMBINATIONS).failed(),
        vehiclesWritten + fitmentsWritten,
        failureCount);
  }
}
