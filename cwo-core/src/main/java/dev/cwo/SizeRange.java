package dev.cwo;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fit range as the site shows it, e.g. {@code 19" to 22"} or {@code -12mm to 35mm}: the site's
 * text and the parsed bounds.
 *
 * <p>A range the site renders empty ({@code " to "}, {@code mm to mm}) is not represented by a
 * {@code SizeRange} at all: the containing {@link AxleFit} holds {@code null}. A bound the text
 * lacks is {@code null}. Immutable and thread-safe.
 *
 * @param text the range exactly as the site rendered it, trimmed
 * @param min the lower bound (inches for diameter and width, millimetres for offset)
 * @param max the upper bound
 */
public record SizeRange(String text, BigDecimal min, BigDecimal max) {

  public SizeRange {
    Objects.requireNonNull(text, "text");
    if (min == null && max == null) {
      throw new IllegalArgumentException("a SizeRange needs at least one bound: " + text);
    }
  }

  /**
   * Compares by numeric value, so {@code 7.50} equals {@code 7.5}; the text must match exactly.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SizeRange r
        && text.equals(r.text)
        && numericEquals(min, r.min)
        && numericEquals(max, r.max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        text,
        min == null ? null : min.stripTrailingZeros(),
        max == null ? null : max.stripTrailingZeros());
  }

  private static boolean numericEquals(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
