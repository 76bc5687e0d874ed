package dev.cwo.benchmarks.micro;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.testkit.GroundTruth;
import dev.cwo.testkit.SimulatedCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endless supply of realistic vehicles and combinations for the store benchmarks: the ground
 * truth of a {@link SimulatedCatalog} (its awkward names, empty and one-bound ranges, negative
 * offsets, staggered and square fitments), replayed pass after pass with the model renamed
 * ({@code "F-150 ~3"}) so every pass yields keys never stored before.
 *
 * <p>Not thread-safe: one feed per benchmark state.
 */
final class FitmentFeed {
  /** Vehicles and the combinations of those vehicles, in the order handed out. */
  record Slice(List<Vehicle> vehicles, List<Fitment> fitments) {}

  private final List<Vehicle> vehicles = new ArrayList<>();
  private final List<List<Fitment>> fitments = new ArrayList<>();
  private int pass;
  private int vehicle;
  private int option;

  FitmentFeed(SimulatedCatalog catalog) {
    GroundTruth truth = catalog.groundTruth();
    Map<VehicleKey, List<Fitment>> byVehicle = new LinkedHashMap<>();
    truth.fitments().forEach(f -> byVehicle.computeIfAbsent(f.key().vehicle(), k -> new ArrayList<>()).add(f));
    byVehicle.forEach((key, list) -> {
      vehicles.add(truth.vehicle(key).orElseThrow());
      fitments.add(list);
    });
    if (vehicles.isEmpty()) {
      throw new IllegalArgumentException("the catalog has no vehicle with fitments");
    }
  }

  /** The next {@code n} combinations, each new, with the vehicles they belong to (each once). */
  Slice next(int n) {
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>(n);
    Vehicle current = null;
    while (fs.size() < n) {
      if (current == null) {
        current = renamed(vehicles.get(vehicle), pass);
        vs.add(current);
      }
      List<Fitment> list = fitments.get(vehicle);
      fs.add(renamed(list.get(option), current.key()));
      if (++option == list.size()) {
        option = 0;
        current = null;
        if (++vehicle == vehicles.size()) {
          vehicle = 0;
          pass++;
        }
      }
    }
    return new Slice(vs, fs);
  }

  private static Vehicle renamed(Vehicle v, int pass) {
    VehicleKey k = v.key();
    VehicleKey key = new VehicleKey(k.year(), k.make(), k.model() + " ~" + pass, k.trim(), k.drive());
    return new Vehicle(key, v.status(), v.chassisId(), v.vehicleType(), v.bodyType(),
        v.boltPatternInch(), v.boltPatternMm(), v.hubBoreMm(), v.lugType(), v.lugSize(),
        v.stockTireSize(), v.staggered(), v.rawJson());
  }

  private static Fitment renamed(Fitment f, VehicleKey vehicle) {
    return new Fitment(new CombinationKey(vehicle, f.key().option()), f.front(), f.rear(),
        f.staggered(), f.boltPatternInch(), f.boltPatternMm());
  }
}
