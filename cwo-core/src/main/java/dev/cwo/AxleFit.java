package dev.cwo;

/**
 * The wheel ranges that fit one axle: diameter, width and offset. A range the site left empty is
 * {@code null}.
 *
 * <p>Immutable and thread-safe.
 */
public record AxleFit(SizeRange diameter, SizeRange width, SizeRange offset) {

  /** True when the site gave no range at all for this axle. */
  public boolean isEmpty() {
    return diameter == null && width == null && offset == null;
  }
}
