package dev.cwo.testkit;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.YearMake;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Exactly what a perfect scraper stores for a {@link SimulatedCatalog}, as cwo-core records: the
 * {@link YearMake} units, one {@link Vehicle} per distinct vehicle (no-data ones as {@link
 * Vehicle#noData}, {@code rawJson} equal to the served body), and every {@link Fitment}.
 *
 * <p>It is derived from the very objects the site renders from, so site and truth cannot drift.
 * Fitments are computed while streaming, never held. Faults never touch it. Immutable and
 * thread-safe. Usage:
 *
 * <pre>{@code
 * GroundTruth truth = site.groundTruth();
 * assertThat(store.vehicles()).isEqualTo(truth.vehicles());
 * assertThat(store.countFitments()).isEqualTo(truth.fitmentCount(truth.units()));
 * }</pre>
 */
public final class GroundTruth {
  private static final Map<SimulatedVehicleType, SimulatedVehicleType.Index> INDEXES =
      new HashMap<>();

  static {
    SimulatedVehicleType.STANDARD.forEach(t -> INDEXES.put(t, new SimulatedVehicleType.Index(t)));
  }

  private final Set<YearMake> units;
  private final Map<VehicleKey, SimulatedVehicle> byKey;
  private final Map<VehicleKey, Vehicle> vehicles;
  private final Map<YearMake, List<SimulatedVehicle>> byUnit;

  GroundTruth(SimulatedCatalog catalog) {
    Set<YearMake> u = new TreeSet<>();
    Map<VehicleKey, SimulatedVehicle> keys = new TreeMap<>();
    Map<YearMake, List<SimulatedVehicle>> units = new TreeMap<>();
    for (SimulatedCatalog.YearNode y : catalog.years().values()) {
      for (SimulatedCatalog.MakeNode m : y.makes().values()) {
        YearMake unit = new YearMake(y.year(), m.name());
        u.add(unit);
        List<SimulatedVehicle> list = new java.util.ArrayList<>();
        for (SimulatedCatalog.ModelNode mo : m.models().values()) {
          for (SimulatedCatalog.TrimNode t : mo.trims().values()) {
            for (SimulatedVehicle v : t.vehicles().values()) {
              keys.put(v.key, v);
              list.add(v);
            }
          }
        }
        units.put(unit, List.copyOf(list));
      }
    }
    this.units = Collections.unmodifiableSet(u);
    this.byKey = Collections.unmodifiableMap(keys);
    Map<VehicleKey, Vehicle> vs = new TreeMap<>();
    keys.forEach((k, v) -> vs.put(k, v.truth));
    this.vehicles = Collections.unmodifiableMap(vs);
    this.byUnit = Collections.unmodifiableMap(units);
  }

  /** Every distinct (year, make) the site lists, including makes without models; sorted. */
  public Set<YearMake> units() {
    return units;
  }

  /** Every distinct vehicle, sorted by key. */
  public Map<VehicleKey, Vehicle> vehicles() {
    return vehicles;
  }

  /** The vehicles of the given units (units the catalog lacks contribute nothing). */
  public Stream<Vehicle> vehicles(Collection<YearMake> units) {
    return simulated(units).map(v -> v.truth);
  }

  /** The vehicle with this key, if the catalog has it. */
  public Optional<Vehicle> vehicle(VehicleKey key) {
    return Optional.ofNullable(vehicles.get(Objects.requireNonNull(key, "key")));
  }

  /** The options of a vehicle in served order; empty for a no-data or unknown vehicle. */
  public List<FitmentOption> options(VehicleKey key) {
    SimulatedVehicle v = byKey.get(Objects.requireNonNull(key, "key"));
    return v == null || !v.hasData() ? List.of() : INDEXES.get(v.type).options();
  }

  /** Every fitment of the catalog, computed while streaming. */
  public Stream<Fitment> fitments() {
    return fitments(units);
  }

  /** The fitments of the given units, computed while streaming, in vehicle-key order. */
  public Stream<Fitment> fitments(Collection<YearMake> units) {
    return simulated(units).filter(SimulatedVehicle::hasData).flatMap(GroundTruth::pages)
        .map(FitmentPages.Page::truth);
  }

  /** How many fitments {@link #fitments(Collection)} yields, without computing them. */
  public long fitmentCount(Collection<YearMake> units) {
    return simulated(units).filter(SimulatedVehicle::hasData)
        .mapToLong(v -> INDEXES.get(v.type).options().size()).sum();
  }

  /** How many fitments the whole catalog has. */
  public long fitmentCount() {
    return fitmentCount(units);
  }

  /** The fitment of one combination, if the catalog has it. */
  public Optional<Fitment> fitment(CombinationKey key) {
    Objects.requireNonNull(key, "key");
    return page(key.vehicle(), key.option()).map(FitmentPages.Page::truth);
  }

  // --- used by the site -------------------------------------------------------------------

  Optional<FitmentPages.Page> page(VehicleKey key, FitmentOption option) {
    SimulatedVehicle v = byKey.get(key);
    if (v == null || !v.hasData()) {
      return Optional.empty();
    }
    SimulatedVehicleType.Index index = INDEXES.get(v.type);
    int i = index.indexOf(option);
    return i < 0 ? Optional.empty() : Optional.of(FitmentPages.page(v, i, option));
  }

  Optional<SimulatedVehicle> simulated(VehicleKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  private Stream<SimulatedVehicle> simulated(Collection<YearMake> units) {
    Objects.requireNonNull(units, "units");
    return new TreeSet<>(units).stream()
        .flatMap(u -> byUnit.getOrDefault(u, List.of()).stream())
        .sorted((a, b) -> a.key.compareTo(b.key));
  }

  private static Stream<FitmentPages.Page> pages(SimulatedVehicle v) {
    List<FitmentOption> options = INDEXES.get(v.type).options();
    return IntStream.range(0, options.size())
        .mapToObj(i -> FitmentPages.page(v, i, options.get(i)));
  }
}
