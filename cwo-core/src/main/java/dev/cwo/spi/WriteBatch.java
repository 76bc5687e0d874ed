package dev.cwo.spi;

import dev.cwo.CachedLevel;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import java.util.List;

/**
 * Everything one {@link CombinationStore#write} stores in one transaction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vehicles vehicle records to upsert
 * @param fitments combinations with their ranges to upsert
 * @param completedVehicles vehicles all of whose combinations are now stored (in this batch or
 *     before); a later run skips them without asking the site
 * @param levels tree levels the site listed, to upsert
 * @param failures failures to record: a new item is inserted, a known one has its attempts added,
 *     message and last-seen replaced
 */
public record WriteBatch(
    List<Vehicle> vehicles,
    List<Fitment> fitments,
    List<VehicleKey> completedVehicles,
    List<CachedLevel> levels,
    List<FailureRecord> failures) {

  public WriteBatch {
    vehicles = List.copyOf(vehicles);
    fitments = List.copyOf(fitments);
    completedVehicles = List.copyOf(completedVehicles);
    levels = List.copyOf(levels);
    failures = List.copyOf(failures);
  }

  public static WriteBatch ofVehicles(List<Vehicle> vehicles) {
    return new WriteBatch(vehicles, List.of(), List.of(), List.of(), List.of());
  }

  public static WriteBatch ofFitments(List<Fitment> fitments) {
    return new WriteBatch(List.of(), fitments, List.of(), List.of(), List.of());
  }

  public boolean isEmpty() {
    return vehicles.isEmpty() && fitments.isEmpty() && completedVehicles.isEmpty()
        && levels.isEmpty() && failures.isEmpty();
  }

  /** How many items the batch holds. */
  public int size() {
    return vehicles.size() + fitments.size() + completedVehicles.size() + levels.size() + failures.size();
  }
}
