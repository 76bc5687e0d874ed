package dev.cwo.spi;

/**
 * Counts for one level of the tree at one moment.
 *
 * @param found items discovered (requests this level needs)
 * @param skipped items not asked for because the store already had them
 * @param done items fetched successfully
 * @param failed items that failed for good in this run
 */
public record LevelCounts(long found, long skipped, long done, long failed) {

  public static final LevelCounts ZERO = new LevelCounts(0, 0, 0, 0);

  /** Items found but neither skipped, done nor failed yet. */
  public long pending() {
    return Math.max(0, found - skipped - done - failed);
  }
}
