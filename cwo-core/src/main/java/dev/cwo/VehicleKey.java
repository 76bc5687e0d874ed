package dev.cwo;

import java.util.Objects;

/**
 * The identity of one vehicle on the site: year, make, model, trim and drive, each exactly as the
 * site spells it (spaces, punctuation and non-ASCII letters included).
 *
 * <p>Immutable and thread-safe.
 */
public record VehicleKey(int year, String make, String model, String trim, String drive)
    implements Comparable<VehicleKey> {

  public VehicleKey {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trim, "trim");
    Objects.requireNonNull(drive, "drive");
  }

  /** The unit this vehicle belongs to. */
  public YearMake yearMake() {
    return new YearMake(year, make);
  }

  /**
   * The original Python project's key, {@code year__make__model__trim__drive}; for display and
   * interchange, never parsed back (names may themselves contain {@code __}).
   */
  public String legacyId() {
    return year + "__" + make + "__" + model + "__" + trim + "__" + drive;
  }

  @Override
  public int compareTo(VehicleKey o) {
    int c = Integer.compare(year, o.year);
    if (c == 0) c = make.compareTo(o.make);
    if (c == 0) c = model.compareTo(o.model);
    if (c == 0) c = trim.compareTo(o.trim);
    if (c == 0) c = drive.compareTo(o.drive);
    return c;
  }

  @Override
  public String toString() {
    return year + " " + make + " " + model + " " + trim + " " + drive;
  }
}
