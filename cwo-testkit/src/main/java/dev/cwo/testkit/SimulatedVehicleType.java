package dev.cwo.testkit;

import dev.cwo.FitmentOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A vehicle type of the simulated site ({@code Car}, {@code Truck}, {@code SUV}) with the three
 * option lists the store host serves for it, exactly as served (a list may repeat a value).
 *
 * <p>The combinations of a vehicle of this type are the Cartesian product suspension × trimming ×
 * rubbing, in list order, without repeats. Immutable and thread-safe.
 *
 * @param name the type as the site spells it
 * @param suspensions the served suspension list
 * @param trimmings the served trimming list (becomes {@link FitmentOption#modification()})
 * @param rubbings the served rubbing list
 */
public record SimulatedVehicleType(
    String name, List<String> suspensions, List<String> trimmings, List<String> rubbings) {

  /** The three types every generated catalog uses: 18, 24 and 12 combinations. */
  public static final List<SimulatedVehicleType> STANDARD =
      List.of(
          new SimulatedVehicleType(
              "Car",
              List.of("Stock", "Lowering Springs", "Coilovers"),
              List.of("No Modification", "Minor Plastic Trimming"),
              List.of("No rubbing or scrubbing", "Slight rub at full turn", "Rubs")),
          new SimulatedVehicleType(
              "Truck",
              List.of("Stock", "Leveling Kit", "Suspension Lift 2.5\"", "Suspension Lift 4\" & Up"),
              List.of("None", "Minor Plastic Trimming", "Fenders Pulled and Rolled"),
              List.of("No rubbing or scrubbing", "Rubs", "Rubs")),
          new SimulatedVehicleType(
              "SUV",
              List.of("Stock", "Leveling Kit", "Stock"),
              List.of("Minor Plastic Trimming", "Fenders Pulled & Rolled 100%"),
              List.of("No rubbing or scrubbing", "Slight rub at full turn", "Rubs")));

  public SimulatedVehicleType {
    Objects.requireNonNull(name, "name");
    suspensions = List.copyOf(suspensions);
    trimmings = List.copyOf(trimmings);
    rubbings = List.copyOf(rubbings);
  }

  /** The distinct combinations in list order; index = option index used by fitment generation. */
  public List<FitmentOption> combinations() {
    List<FitmentOption> out = new ArrayList<>();
    for (String s : new LinkedHashSet<>(suspensions)) {
      for (String t : new LinkedHashSet<>(trimmings)) {
        for (String r : new LinkedHashSet<>(rubbings)) {
          out.add(new FitmentOption(s, t, r));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The type among {@link #STANDARD} with this name. */
  public static Optional<SimulatedVehicleType> standard(String name) {
    return STANDARD.stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /** Option index lookups for the standard types, computed once. */
  static final class Index {
    private final Map<FitmentOption, Integer> byOption = new HashMap<>();
    private final List<FitmentOption> options;

    Index(SimulatedVehicleType type) {
      options = type.combinations();
      for (int i = 0; i < options.size(); i++) {
        byOption.put(options.get(i), i);
      }
    }

    List<FitmentOption> options() {
      return options;
    }

    int indexOf(FitmentOption option) {
      return byOption.getOrDefault(option, -1);
    }
  }
}
