package dev.cwo;

import java.util.Objects;

/**
 * What fits one combination: the front and rear ranges and the bolt pattern.
 *
 * <p>For a square fitment (one range block on the page) {@code front} and {@code rear} are equal
 * and {@code staggered} is false. Bolt patterns are {@code null} when the page showed none.
 * Immutable and thread-safe.
 *
 * @param key the combination
 * @param front ranges for the front axle
 * @param rear ranges for the rear axle
 * @param staggered true when the page showed separate front and rear blocks
 * @param boltPatternInch e.g. {@code 5x4.72}
 * @param boltPatternMm e.g. {@code 5x120}
 */
public record Fitment(
    CombinationKey key,
    AxleFit front,
    AxleFit rear,
    boolean staggered,
    String boltPatternInch,
    String boltPatternMm) {

  public Fitment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(front, "front");
    Objects.requireNonNull(rear, "rear");
  }
}
