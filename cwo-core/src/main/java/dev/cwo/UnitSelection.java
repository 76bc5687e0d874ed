package dev.cwo;

import java.util.Objects;
import java.util.Set;

/**
 * Which {@link YearMake} units a run should discover: a range of years and, optionally, a set of
 * makes. Immutable and thread-safe.
 *
 * <pre>{@code
 * UnitSelection.years(2015, 2026).withMakes(Set.of("Acura", "BMW"))
 * }</pre>
 *
 * @param fromYear first year, inclusive
 * @param toYear last year, inclusive
 * @param makes the makes to keep, exactly as the site spells them; empty means every make
 */
public record UnitSelection(int fromYear, int toYear, Set<String> makes) {

  public UnitSelection {
    makes = Set.copyOf(Objects.requireNonNull(makes, "makes"));
    if (fromYear > toYear) {
      throw new IllegalArgumentException("fromYear " + fromYear + " is after toYear " + toYear);
    }
  }

  /** Every year and make the site lists. */
  public static UnitSelection all() {
    return new UnitSelection(Integer.MIN_VALUE, Integer.MAX_VALUE, Set.of());
  }

  /** Every make of the years {@code from} to {@code to}, inclusive. */
  public static UnitSelection years(int from, int to) {
    return new UnitSelection(from, to, Set.of());
  }

  /** This selection, keeping only the given makes. */
  public UnitSelection withMakes(Set<String> makes) {
    return new UnitSelection(fromYear, toYear, makes);
  }

  public boolean includesYear(int year) {
    return year >= fromYear && year <= toYear;
  }

  public boolean includesMake(String make) {
    return makes.isEmpty() || makes.contains(make);
  }
}
