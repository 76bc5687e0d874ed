package dev.cwo.benchmarks.e2e;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.GroundTruth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a store holds exactly the ground truth: the same vehicles (every field), the same
 * combinations (every range), nothing more, nothing twice, and no failures journaled.
 *
 * <p>Fitments are compared while streaming (each stored one against the truth for its key, then
 * the counts), so checking the 340,000-page catalog needs no more memory than its vehicles.
 *
 * @param exact true when everything matched
 * @param vehicles vehicles stored
 * @param expectedVehicles vehicles in the ground truth
 * @param fitments combinations stored
 * @param expectedFitments combinations in the ground truth
 * @param wrongFitments stored combinations that differ from the truth or are not in it
 * @param failures entries in the store's failure journal
 * @param firstProblem the first difference seen, or empty
 */
record StoreCheck(
    boolean exact,
    long vehicles,
    long expectedVehicles,
    long fitments,
    long expectedFitments,
    long wrongFitments,
    long failures,
    String firstProblem) {

  static StoreCheck of(String jdbcUrl, GroundTruth truth) {
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(jdbcUrl).build()) {
      AtomicReference<String> first = new AtomicReference<>("");
      Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
      store.forEachVehicle(v -> vehicles.put(v.key(), v));
      boolean vehiclesMatch = vehicles.equals(truth.vehicles());
      if (!vehiclesMatch) {
        for (Map.Entry<VehicleKey, Vehicle> e : truth.vehicles().entrySet()) {
          if (!e.getValue().equals(vehicles.get(e.getKey()))) {
            first.compareAndSet("", "vehicle " + e.getKey() + " stored as "
                + vehicles.get(e.getKey()));
            break;
          }
        }
        first.compareAndSet("", "extra vehicles stored");
      }
      AtomicLong count = new AtomicLong();
      AtomicLong wrong = new AtomicLong();
      store.forEachFitment(f -> {
        count.incrementAndGet();
        Optional<Fitment> expected = truth.fitment(f.key());
        if (expected.isEmpty() || !expected.get().equals(f)) {
          wrong.incrementAndGet();
          first.compareAndSet("", "combination " + f.key() + " stored as " + f + ", truth "
              + expected.map(Fitment::toString).orElse("none"));
        }
      });
      long expectedFitments = truth.fitmentCount();
      long failures = store.failures().size();
      // Keys are the table's primary key, so stored keys are distinct: every stored one right and
      // as many as the truth means the same set.
      boolean exact = vehiclesMatch && wrong.get() == 0 && count.get() == expectedFitments
          && failures == 0;
      if (!exact && first.get().isEmpty()) {
        first.set(count.get() != expectedFitments
            ? count.get() + " combinations stored, " + expectedFitments + " expected"
            : failures + " failures journaled");
      }
      return new StoreCheck(exact, vehicles.size(), truth.vehicles().size(), count.get(),
          expectedFitments, wrong.get(), failures, first.get());
    }
  }

  /** A short verdict for the results table. */
  String verdict() {
    return exact
        ? "exact (" + vehicles + " vehicles, " + fitments + " combinations)"
        : "NOT exact: " + vehicles + "/" + expectedVehicles + " vehicles, " + fitments + "/"
            + expectedFitments + " combinations, " + wrongFitments + " wrong, " + failures
            + " failures; first: " + firstProblem;
  }
}
