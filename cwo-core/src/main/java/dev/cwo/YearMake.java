package dev.cwo;

import java.util.Objects;

/**
 * One unit of input work: every vehicle of one make in one model year.
 *
 * <p>Immutable and thread-safe.
 *
 * @param year the model year, as the site lists it
 * @param make the make, exactly as the site spells it
 */
public record YearMake(int year, String make) implements Comparable<YearMake> {

  public YearMake {
    Objects.requireNonNull(make, "make");
  }

  @Override
  public int compareTo(YearMake o) {
    int c = Integer.compare(year, o.year);
    return c != 0 ? c : make.compareTo(o.make);
  }

  @Override
  public String toString() {
    return year + " " + make;
  }
}
