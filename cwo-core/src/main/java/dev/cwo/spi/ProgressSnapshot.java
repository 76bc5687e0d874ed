package dev.cwo.spi;

import dev.cwo.TreeLevel;
import java.time.Duration;
import java.util.Map;

/**
 * The progress of a run at one moment.
 *
 * @param levels counts per level of the tree
 * @param elapsed time since the run started
 */
public record ProgressSnapshot(Map<TreeLevel, LevelCounts> levels, Duration elapsed) {

  public ProgressSnapshot {
    levels = Map.copyOf(levels);
  }

  public LevelCounts level(TreeLevel level) {
    return levels.getOrDefault(level, LevelCounts.ZERO);
  }
}
