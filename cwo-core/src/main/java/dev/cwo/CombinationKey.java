package dev.cwo;

import java.util.Objects;

/**
 * The identity of one combination: a vehicle under one {@link FitmentOption}.
 *
 * <p>Immutable and thread-safe.
 */
public record CombinationKey(VehicleKey vehicle, FitmentOption option)
    implements Comparable<CombinationKey> {

  public CombinationKey {
    Objects.requireNonNull(vehicle, "vehicle");
    Objects.requireNonNull(option, "option");
  }

  /** The original project's key: the vehicle's legacy id plus {@code __suspension__modification__rubbing}. */
  public String legacyId() {
    return vehicle.legacyId()
        + "__" + option.suspension() + "__" + option.modification() + "__" + option.rubbing();
  }

  @Override
  public int compareTo(CombinationKey o) {
    int c = vehicle.compareTo(o.vehicle);
    return c != 0 ? c : option.compareTo(o.option);
  }

  @Override
  public String toString() {
    return vehicle + " [" + option + "]";
  }
}
