package dev.cwo.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cwo.AxleFit;
import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.StoreException;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.StoreInfo;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link CombinationStore} honours, as a JUnit 5 test class to extend: implement
 * {@link #createStore()} and every rule runs against a fresh, empty store.
 *
 * <p>Rules beyond the SPI's Javadoc that this kit pins: a fitment whose vehicle is neither stored
 * nor in the same batch is rejected, and so is a completion mark for such a vehicle; timestamps keep
 * at least millisecond precision; key order is the keys' natural order (the data here avoids the
 * one place where UTF-16 and code-point order differ: supplementary characters against U+E000 to
 * U+FFFF in the same position).
 *
 * <p>Not thread-safe itself (JUnit creates one instance per test).
 *
 * <pre>{@code
 * class InMemoryCombinationStoreTest extends CombinationStoreContract {
 *   @Override
 *   protected CombinationStore createStore() {
 *     return new InMemoryCombinationStore();
 *   }
 * }
 * }</pre>
 */
public abstract class CombinationStoreContract {

  /** Names with every character a site name may hold: quotes, {@code %}, {@code /}, non-ASCII, emoji. */
  protected static final List<String> AWKWARD_NAMES = List.of(
      "O'Brien \"Quoted\"",
      "100% Electric_x",
      "A/B/C",
      "Škoda Citroën Ærø",
      "Emoji 🚗💨",
      "back\\slash; semi, comma",
      "__double__under__",
      "[\"json\",\"like\"]",
      "tab\tand\nnewline",
      "日本語 & (Sub) +");

  private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

  private CombinationStore store;

  /** A new, empty store; called once before each test, closed after it. */
  protected abstract CombinationStore createStore();

  /** The store under test for the running test. */
  protected final CombinationStore store() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) store.close();
  }

  // ---------------------------------------------------------------------------------- fixtures

  /** A vehicle key numbered {@code i}, with plain names. */
  protected static VehicleKey vehicleKey(int i) {
    return new VehicleKey(2000 + i % 25, "Make" + (i % 7), "Model " + i, "Trim " + (i % 3), "AWD");
  }

  /** A vehicle with data for {@code key}, every typed field set. */
  protected static Vehicle vehicle(VehicleKey key, String chassis) {
    return new Vehicle(
        key, VehicleStatus.OK, chassis, "Truck", "Pickup", "5x4.5", "5x114.3", "64.10", "nut",
        "12x1.5", "225/55R18", Boolean.FALSE,
        "{\"drchassisid\":\"" + chassis + "\",\"vehicleType\":\"Truck\"}");
  }

  /** The {@code i}-th of a handful of fitment options. */
  protected static FitmentOption option(int i) {
    return new FitmentOption("Suspension " + i % 4, "Trimming " + i % 3, "Rubbing " + i);
  }

  /** A square fitment for {@code key}. */
  protected static Fitment fitment(CombinationKey key, int offsetMin) {
    AxleFit axle = new AxleFit(
        range("18\" to 20\"", "18", "20"),
        range("7.5\" to 9.5\"", "7.5", "9.5"),
        range(offsetMin + "mm to 45mm", String.valueOf(offsetMin), "45"));
    return new Fitment(key, axle, axle, false, "5x4.5", "5x114.3");
  }

  /** A range with the given text and bounds ({@code null} for a missing bound). */
  protected static SizeRange range(String text, String min, String max) {
    return new SizeRange(
        text, min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max));
  }

  private static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  private List<Vehicle> readAllVehicles() {
    List<Vehicle> all = new ArrayList<>();
    store.forEachVehicle(all::add);
    return all;
  }

  private List<Fitment> readAllFitments() {
    List<Fitment> all = new ArrayList<>();
    store.forEachFitment(all::add);
    return all;
  }

  // ---------------------------------------------------------------------------------- round trips

  @Test
  @DisplayName("vehicles round-trip exactly: awkward names, every field, no-data, rawJson verbatim")
  void vehiclesRoundTrip() {
    List<Vehicle> written = new ArrayList<>();
    for (int i = 0; i < AWKWARD_NAMES.size(); i++) {
      String n = AWKWARD_NAMES.get(i);
      VehicleKey key = new VehicleKey(1990 + i, n, n + " model", "trim " + n, n);
      Boolean staggered = i % 3 == 0 ? null : i % 3 == 1;
      written.add(new Vehicle(
          key, VehicleStatus.OK, "ch-" + n, n, i % 2 == 0 ? null : "Sedan " + n, "5x4.5",
          "5x114.3", "64.10", null, "12x1.5", "245/40R19 " + n, staggered,
          "{ \"drchassisid\" : \"ch\",\n  \"name\":\"" + n.replace("\\", "\\\\").replace("\"", "\\\"")
              .replace("\t", "\\t").replace("\n", "\\n")
              + "\", \"list\":[1,\"2\"], \"unknownField\":{\"a\":null}, \"e\":\"\\u00e9\" }"));
    }
    Vehicle noData = Vehicle.noData(
        new VehicleKey(2025, "Acura", "ADX", "Base", "FWD"), "{\"message\":\"no data\"}");
    written.add(noData);

    store.write(WriteBatch.ofVehicles(written));

    List<VehicleKey> keys = written.stream().map(Vehicle::key).toList();
    Map<VehicleKey, Vehicle> found = store.findVehicles(keys);
    assertThat(found).hasSize(written.size());
    for (Vehicle v : written) {
      assertThat(found.get(v.key())).as("vehicle %s", v.key()).isEqualTo(v);
    }
    assertThat(found.get(noData.key()).hasData()).isFalse();
    assertThat(readAllVehicles()).containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  @DisplayName("fitments round-trip exactly: staggered, null ranges, negative offsets, precise bounds")
  void fitmentsRoundTrip() {
    VehicleKey vk = new VehicleKey(2021, AWKWARD_NAMES.get(0), AWKWARD_NAMES.get(3), "Base", "RWD");
    List<Fitment> written = new ArrayList<>();
    written.add(fitment(new CombinationKey(vk, option(0)), -12));
    AxleFit front = new AxleFit(
        range("19\" to 20\"", "19", "20"), range("8.5\" to 9.25\"", "8.50", "9.25"),
        range("-44mm to -12.5mm", "-44", "-12.5"));
    AxleFit rear = new AxleFit(
        range("20\"", "20", null), null, range("to 114.3mm", null, "114.3"));
    written.add(new Fitment(new CombinationKey(vk, option(1)), front, rear, true, null, "5x120"));
    AxleFit empty = new AxleFit(null, null, null);
    written.add(new Fitment(new CombinationKey(vk, option(2)), empty, empty, false, null, null));
    for (int i = 0; i < AWKWARD_NAMES.size(); i++) {
      String n = AWKWARD_NAMES.get(i);
      FitmentOption o = new FitmentOption(n, "mod " + n, n + " rub");
      AxleFit axle = new AxleFit(
          range("4.72\" to 7.25\"", "4.72", "7.25"), null, range(n, "-7", "0"));
      written.add(new Fitment(new CombinationKey(vk, o), axle, axle, false, "5x4.72 " + n, n));
    }

    store.write(new WriteBatch(
        List.of(vehicle(vk, "C1")), written, List.of(), List.of(), List.of()));

    assertThat(readAllFitments()).containsExactlyInAnyOrderElementsOf(written);
    assertThat(store.existingCombinations(written.stream().map(Fitment::key).toList()))
        .containsExactlyInAnyOrderElementsOf(written.stream().map(Fitment::key).toList());
  }

  @Test
  @DisplayName("writing the same vehicle or fitment twice stores it once, the later value wins")
  void upsertIsIdempotentAndLaterWins() {
    VehicleKey vk = vehicleKey(1);
    CombinationKey ck = new CombinationKey(vk, option(1));

    store.write(new WriteBatch(
        List.of(vehicle(vk, "first")), List.of(fitment(ck, -10)), List.of(), List.of(), List.of()));
    store.write(new WriteBatch(
        List.of(vehicle(vk, "second")), List.of(fitment(ck, 20)), List.of(), List.of(), List.of()));
    store.write(new WriteBatch(
        List.of(vehicle(vk, "third"), vehicle(vk, "fourth")),
        List.of(fitment(ck, 30), fitment(ck, 31)), List.of(), List.of(), List.of()));

    assertThat(store.vehicleCount()).isEqualTo(1);
    assertThat(store.fitmentCount()).isEqualTo(1);
    assertThat(readAllVehicles()).containsExactly(vehicle(vk, "fourth"));
    assertThat(readAllFitments()).containsExactly(fitment(ck, 31));
  }

  @Test
  @DisplayName("an empty batch is a no-op and empty key sets find nothing")
  void emptyBatchAndEmptyLookups() {
    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of()));

    assertThat(store.vehicleCount()).isZero();
    assertThat(store.existingVehicles(List.of())).isEmpty();
    assertThat(store.completedVehicles(List.of())).isEmpty();
    assertThat(store.existingCombinations(List.of())).isEmpty();
    assertThat(store.findVehicles(List.of())).isEmpty();
    assertThat(store.failures()).isEmpty();
  }

  // ---------------------------------------------------------------------------------- lookups

  @Test
  @DisplayName("existence checks answer exactly for thousands of keys, present and absent")
  void existenceChecksForThousandsOfKeys() {
    int n = 3000;
    List<Vehicle> vehicles = new ArrayList<>();
    for (int i = 0; i < n; i++) vehicles.add(vehicle(vehicleKey(i), "c" + i));
    for (int from = 0; from < n; from += 1000) {
      store.write(WriteBatch.ofVehicles(vehicles.subList(from, from + 1000)));
    }
    List<Fitment> fitments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fitments.add(fitment(new CombinationKey(vehicleKey(i % 300), option(i / 300)), -i));
    }
    List<VehicleKey> completed = new ArrayList<>();
    for (int i = 0; i < n; i += 2) completed.add(vehicleKey(i));
    store.write(new WriteBatch(List.of(), fitments, completed, List.of(), List.of()));

    List<VehicleKey> askedVehicles = new ArrayList<>();
    Set<VehicleKey> presentVehicles = new HashSet<>();
    for (int i = 0; i < 2 * n; i++) {
      askedVehicles.add(vehicleKey(i));
      if (i < n) presentVehicles.add(vehicleKey(i));
    }
    Collections.shuffle(askedVehicles, new Random(7));
    List<CombinationKey> askedCombos = new ArrayList<>();
    Set<CombinationKey> presentCombos = new HashSet<>();
    for (Fitment f : fitments) {
      askedCombos.add(f.key());
      presentCombos.add(f.key());
      askedCombos.add(new CombinationKey(f.key().vehicle(), new FitmentOption(
          f.key().option().suspension(), f.key().option().modification(), "absent")));
      askedCombos.add(new CombinationKey(vehicleKey(n + askedCombos.size()), f.key().option()));
    }

    assertThat(store.existingVehicles(askedVehicles)).isEqualTo(presentVehicles);
    assertThat(store.completedVehicles(askedVehicles)).isEqualTo(new HashSet<>(completed));
    assertThat(store.existingCombinations(askedCombos)).isEqualTo(presentCombos);
  }

  @Test
  @DisplayName("findVehicles returns the stored records of the stored keys only")
  void findVehiclesReturnsStoredOnly() {
    Vehicle a = vehicle(vehicleKey(1), "a");
    Vehicle b = Vehicle.noData(vehicleKey(2), "{}");
    store.write(WriteBatch.ofVehicles(List.of(a, b)));

    Map<VehicleKey, Vehicle> found =
        store.findVehicles(List.of(vehicleKey(1), vehicleKey(2), vehicleKey(3), vehicleKey(1)));

    assertThat(found).containsOnly(Map.entry(a.key(), a), Map.entry(b.key(), b));
  }

  @Test
  @DisplayName("a completion mark persists, also when the vehicle is stored again")
  void completionMarkPersists() {
    Vehicle v = vehicle(vehicleKey(5), "x");
    store.write(new WriteBatch(List.of(v), List.of(), List.of(v.key()), List.of(), List.of()));
    store.write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(5), "y"))));

    assertThat(store.completedVehicles(List.of(v.key(), vehicleKey(6)))).containsExactly(v.key());
  }

  // ---------------------------------------------------------------------------------- atomicity

  @Test
  @DisplayName("a batch with a fitment whose vehicle was never stored is rejected whole")
  void batchWithOrphanFitmentLeavesNothingBehind() {
    Vehicle before = vehicle(vehicleKey(0), "before");
    FailureRecord oldFailure =
        new FailureRecord(TreeLevel.MODELS, List.of("2001", "X"), "E", "m", 1, at(0), at(0));
    store.write(new WriteBatch(List.of(before), List.of(), List.of(), List.of(), List.of(oldFailure)));

    VehicleKey never = vehicleKey(99);
    WriteBatch bad = new WriteBatch(
        List.of(vehicle(vehicleKey(0), "changed"), vehicle(vehicleKey(1), "new")),
        List.of(
            fitment(new CombinationKey(vehicleKey(1), option(0)), 0),
            fitment(new CombinationKey(never, option(0)), 0)),
        List.of(vehicleKey(1)),
        List.of(new CachedLevel(TreeLevel.MAKES, List.of("2001"), List.of("X", "Y"))),
        List.of(new FailureRecord(TreeLevel.MODELS, List.of("2001", "X"), "E", "m2", 5, at(9), at(9)),
            new FailureRecord(TreeLevel.MODELS, List.of("2001", "Y"), "E", "m", 1, at(9), at(9))));

    assertThatThrownBy(() -> store.write(bad)).isInstanceOf(StoreException.class);

    assertThat(readAllVehicles()).containsExactly(before);
    assertThat(store.fitmentCount()).isZero();
    assertThat(store.completedVehicles(List.of(vehicleKey(1)))).isEmpty();
    assertThat(store.cachedLevel(TreeLevel.MAKES, List.of("2001"))).isEmpty();
    assertThat(store.failures()).containsExactly(oldFailure);
  }

  @Test
  @DisplayName("a batch marking an unknown vehicle complete is rejected whole")
  void batchCompletingUnknownVehicleLeavesNothingBehind() {
    WriteBatch bad = new WriteBatch(
        List.of(vehicle(vehicleKey(1), "new")), List.of(), List.of(vehicleKey(1), vehicleKey(2)),
        List.of(), List.of());

    assertThatThrownBy(() -> store.write(bad)).isInstanceOf(StoreException.class);

    assertThat(store.vehicleCount()).isZero();
    assertThat(store.completedVehicles(List.of(vehicleKey(1), vehicleKey(2)))).isEmpty();
  }

  // ---------------------------------------------------------------------------------- levels

  @Test
  @DisplayName("cached levels round-trip in the site's order, overwrite, and keep paths apart")
  void cachedLevelsRoundTripAndOverwrite() {
    CachedLevel years = new CachedLevel(TreeLevel.YEARS, List.of(), List.of("2026", "1948", "2025"));
    CachedLevel models = new CachedLevel(TreeLevel.MODELS, List.of("2025", AWKWARD_NAMES.get(4)),
        AWKWARD_NAMES);
    CachedLevel slashA = new CachedLevel(TreeLevel.TRIMS, List.of("2025", "a/b", "c"), List.of("1"));
    CachedLevel slashB = new CachedLevel(TreeLevel.TRIMS, List.of("2025", "a", "b/c"), List.of("2"));
    CachedLevel empty = new CachedLevel(TreeLevel.DRIVES, List.of("2025", "A", "B", "C"), List.of());
    store.write(new WriteBatch(
        List.of(), List.of(), List.of(), List.of(years, models, slashA, slashB, empty), List.of()));

    assertThat(store.cachedLevel(TreeLevel.YEARS, List.of())).contains(years.children());
    assertThat(store.cachedLevel(TreeLevel.MODELS, models.path())).contains(AWKWARD_NAMES);
    assertThat(store.cachedLevel(TreeLevel.TRIMS, slashA.path())).contains(List.of("1"));
    assertThat(store.cachedLevel(TreeLevel.TRIMS, slashB.path())).contains(List.of("2"));
    assertThat(store.cachedLevel(TreeLevel.DRIVES, empty.path())).contains(List.of());
    assertThat(store.cached(TreeLevel.DRIVES, empty.path())).contains(empty);
    assertThat(store.cachedLevel(TreeLevel.MAKES, List.of("2025"))).isEmpty();
    assertThat(store.cachedLevel(TreeLevel.MODELS, List.of("2025", "Other"))).isEmpty();

    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(
        new CachedLevel(TreeLevel.YEARS, List.of(), List.of("2027"))), List.of()));

    assertThat(store.cachedLevel(TreeLevel.YEARS, List.of())).contains(List.of("2027"));
  }

  // ---------------------------------------------------------------------------------- failures

  @Test
  @DisplayName("failures upsert by level and path: attempts add, message and lastSeen replaced, firstSeen kept")
  void failureJournalUpserts() {
    List<String> path = List.of("2025", AWKWARD_NAMES.get(1));
    FailureRecord first = new FailureRecord(TreeLevel.MODELS, path, "TransientFetchException",
        "HTTP 503 from " + AWKWARD_NAMES.get(3), 3, at(10), at(12));
    FailureRecord older = new FailureRecord(TreeLevel.MAKES, List.of("1999"), "IOException",
        null, 1, at(0), at(0));
    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(first)));
    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(older)));

    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(
        new FailureRecord(TreeLevel.MODELS, path, "PermanentFetchException", "HTTP 404 ✗", 2,
            at(20), at(21)))));

    assertThat(store.failures()).containsExactly(
        older,
        new FailureRecord(TreeLevel.MODELS, path, "PermanentFetchException", "HTTP 404 ✗", 5,
            at(10), at(21)));
    assertThat(store.failures().get(0).message()).isEmpty();
  }

  @Test
  @DisplayName("storing a vehicle, fitment or level clears the failure recorded for that item only")
  void storingClearsMatchingFailures() {
    VehicleKey v1 = vehicleKey(1);
    VehicleKey v2 = vehicleKey(2);
    CombinationKey c1 = new CombinationKey(v1, option(0));
    CombinationKey c2 = new CombinationKey(v1, option(1));
    List<String> drivesPath = List.of("2025", "A/B", "C", "D");
    FailureRecord keepVehicle = FailureRecord.of(TreeLevel.VEHICLES, FailureRecord.pathOf(v2),
        new IllegalStateException("boom"), 1, at(5));
    FailureRecord keepCombo = FailureRecord.of(TreeLevel.COMBINATIONS, FailureRecord.pathOf(c2),
        new IllegalStateException("boom"), 1, at(6));
    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(
        FailureRecord.of(TreeLevel.VEHICLES, FailureRecord.pathOf(v1), new RuntimeException("x"), 1, at(1)),
        FailureRecord.of(TreeLevel.SESSIONS, FailureRecord.pathOf(v1), new RuntimeException("x"), 1, at(2)),
        FailureRecord.of(TreeLevel.COMBINATIONS, FailureRecord.pathOf(c1), new RuntimeException("x"), 1, at(3)),
        FailureRecord.of(TreeLevel.DRIVES, drivesPath, new RuntimeException("x"), 1, at(4)),
        keepVehicle, keepCombo)));
    assertThat(store.failures()).hasSize(6);

    store.write(new WriteBatch(List.of(vehicle(v1, "v")), List.of(fitment(c1, 0)), List.of(),
        List.of(new CachedLevel(TreeLevel.DRIVES, drivesPath, List.of("AWD"))), List.of()));

    assertThat(store.failures()).containsExactly(keepVehicle, keepCombo);
  }

  // ---------------------------------------------------------------------------------- streaming

  @Test
  @DisplayName("forEachVehicle and forEachFitment stream everything in key order")
  void streamingInKeyOrder() {
    List<Vehicle> vehicles = new ArrayList<>();
    for (int i = 0; i < 200; i++) vehicles.add(vehicle(vehicleKey(i), "c" + i));
    for (String n : AWKWARD_NAMES) {
      vehicles.add(vehicle(new VehicleKey(2010, n, n, n, n), n));
      vehicles.add(vehicle(new VehicleKey(2010, "Make" + n, "a", "b", "c"), n));
    }
    List<Fitment> fitments = new ArrayList<>();
    for (int i = 0; i < vehicles.size(); i++) {
      VehicleKey vk = vehicles.get(i).key();
      fitments.add(fitment(new CombinationKey(vk, option(i % 5)), i));
      fitments.add(fitment(new CombinationKey(vk, new FitmentOption(
          AWKWARD_NAMES.get(i % AWKWARD_NAMES.size()), "m", "r")), i));
    }
    Collections.shuffle(vehicles, new Random(1));
    Collections.shuffle(fitments, new Random(2));
    store.write(WriteBatch.ofVehicles(vehicles.subList(0, 120)));
    store.write(WriteBatch.ofVehicles(vehicles.subList(120, vehicles.size())));
    store.write(WriteBatch.ofFitments(fitments.subList(0, 200)));
    store.write(WriteBatch.ofFitments(fitments.subList(200, fitments.size())));

    List<VehicleKey> streamedVehicles = readAllVehicles().stream().map(Vehicle::key).toList();
    List<CombinationKey> streamedFitments = readAllFitments().stream().map(Fitment::key).toList();

    assertThat(streamedVehicles).hasSize(vehicles.size()).isSorted();
    assertThat(streamedFitments).hasSize(fitments.size()).isSorted();
  }

  @Test
  @DisplayName("an exception thrown by a streaming action reaches the caller unchanged, and the store stays usable")
  void streamingActionExceptionPropagatesUnchanged() {
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      vs.add(vehicle(vehicleKey(i), "c" + i));
      fs.add(fitment(new CombinationKey(vehicleKey(i), option(0)), i));
    }
    store.write(new WriteBatch(vs, fs, List.of(), List.of(), List.of()));
    IllegalStateException stopVehicles = new IllegalStateException("caller stops reading vehicles");
    java.io.UncheckedIOException stopFitments =
        new java.io.UncheckedIOException(new java.io.IOException("broken pipe"));

    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // more rounds than a pool has connections: a connection kept by an aborted stream would hang here
      for (int round = 0; round < 25; round++) {
        int[] seen = {0};
        assertThatThrownBy(() -> store.forEachVehicle(v -> {
          if (++seen[0] == 3) throw stopVehicles;
        })).isSameAs(stopVehicles);
        assertThatThrownBy(() -> store.forEachFitment(f -> {
          throw stopFitments;
        })).isSameAs(stopFitments);
      }
      assertThat(store.vehicleCount()).isEqualTo(50);
      store.write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(99), "after"))));
      assertThat(readAllVehicles()).hasSize(51);
    });
  }

  @Test
  @DisplayName("counts count distinct stored vehicles and fitments")
  void countsAreExact() {
    assertThat(store.vehicleCount()).isZero();
    assertThat(store.fitmentCount()).isZero();
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      vs.add(vehicle(vehicleKey(i), "c"));
      for (int o = 0; o < 4; o++) fs.add(fitment(new CombinationKey(vehicleKey(i), option(o)), o));
    }
    store.write(new WriteBatch(vs, fs, List.of(), List.of(), List.of()));
    store.write(new WriteBatch(vs.subList(0, 10), fs.subList(0, 50), List.of(), List.of(), List.of()));

    assertThat(store.vehicleCount()).isEqualTo(30);
    assertThat(store.fitmentCount()).isEqualTo(120);
  }

  // ---------------------------------------------------------------------------------- concurrency

  @Test
  @DisplayName("concurrent writers with overlapping batches give the exact result without deadlock")
  void concurrentWritersGiveExactResult() {
    int threads = 8;
    int batchesPerThread = 15;
    List<String> sharedPath = List.of("1999");
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int b = 0; b < batchesPerThread; b++) {
              List<Vehicle> vs = new ArrayList<>();
              List<Fitment> fs = new ArrayList<>();
              List<VehicleKey> complete = new ArrayList<>();
              int from = (thread * 7 + b * 3) % 60;
              for (int i = from; i < from + 12; i++) {
                int k = (thread % 2 == 0) ? i : from + 11 - (i - from);
                vs.add(vehicle(vehicleKey(k), "c" + k));
                for (int o = 0; o < 3; o++) {
                  fs.add(fitment(new CombinationKey(vehicleKey(k), option(o)), k));
                }
                if (k % 3 == 0) complete.add(vehicleKey(k));
              }
              store.write(new WriteBatch(vs, fs, complete,
                  List.of(new CachedLevel(TreeLevel.MAKES, sharedPath, List.of("M" + thread))),
                  List.of(new FailureRecord(TreeLevel.MODELS, List.of("1999", "Shared"), "E",
                      "t" + thread, 1, at(0), at(b)))));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) f.get();
      } finally {
        pool.shutdownNow();
      }
    });

    List<Vehicle> expected = new ArrayList<>();
    Set<VehicleKey> expectedComplete = new HashSet<>();
    Set<Integer> written = new TreeSet<>();
    for (int t = 0; t < threads; t++) {
      for (int b = 0; b < batchesPerThread; b++) {
        int from = (t * 7 + b * 3) % 60;
        for (int i = from; i < from + 12; i++) written.add(i);
      }
    }
    for (int i : written) {
      expected.add(vehicle(vehicleKey(i), "c" + i));
      if (i % 3 == 0) expectedComplete.add(vehicleKey(i));
    }
    List<VehicleKey> expectedKeys = expected.stream().map(Vehicle::key).toList();
    assertThat(store.vehicleCount()).isEqualTo(expected.size());
    assertThat(store.fitmentCount()).isEqualTo(3L * expected.size());
    assertThat(readAllVehicles()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.completedVehicles(expectedKeys)).isEqualTo(expectedComplete);
    assertThat(store.failures()).singleElement()
        .satisfies(f -> assertThat(f.attempts()).isEqualTo(threads * batchesPerThread));
    assertThat(store.cachedLevel(TreeLevel.MAKES, sharedPath)).isPresent();
  }

  @Test
  @DisplayName("readers running while batches are written never see part of a batch")
  void readersNeverSeePartOfABatch() {
    int batches = 40;
    int perBatch = 60;
    List<List<CombinationKey>> keys = new ArrayList<>();
    List<WriteBatch> writes = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      VehicleKey marker = new VehicleKey(1950, "Batch", "Marker", String.valueOf(b), "-");
      List<Vehicle> vs = new ArrayList<>(List.of(vehicle(marker, "m" + b)));
      List<Fitment> fs = new ArrayList<>();
      List<CombinationKey> ks = new ArrayList<>();
      for (int i = 0; i < perBatch; i++) {
        VehicleKey vk = new VehicleKey(2001, "Batch " + b, "Model " + i, "Base", "FWD");
        vs.add(vehicle(vk, "c" + i));
        CombinationKey ck = new CombinationKey(vk, option(i % 5));
        fs.add(fitment(ck, i));
        ks.add(ck);
      }
      keys.add(ks);
      writes.add(new WriteBatch(vs, fs, List.of(marker), List.of(), List.of()));
    }

    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Future<?> writer = pool.submit(() -> {
          start.await();
          try {
            for (WriteBatch w : writes) store.write(w);
          } finally {
            writing.set(false);
          }
          return null;
        });
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
          int seed = r;
          readers.add(pool.submit(() -> {
            start.await();
            Random random = new Random(seed);
            int looks = 0;
            do {
              int b = random.nextInt(batches);
              VehicleKey marker = new VehicleKey(1950, "Batch", "Marker", String.valueOf(b), "-");
              boolean markerSeen = !store.completedVehicles(List.of(marker)).isEmpty();
              int seen = store.existingCombinations(keys.get(b)).size();
              assertThat(seen).as("combinations of batch %d seen at once", b).isIn(0, perBatch);
              if (markerSeen) assertThat(seen).as("batch %d is marked complete", b).isEqualTo(perBatch);
              looks++;
            } while (writing.get());
            return looks;
          }));
        }
        start.countDown();
        writer.get();
        for (Future<Integer> r : readers) assertThat(r.get()).isPositive();
      } finally {
        pool.shutdownNow();
      }
    });
    assertThat(store.fitmentCount()).isEqualTo((long) batches * perBatch);
  }

  // ---------------------------------------------------------------------------------- lifecycle

  @Test
  @DisplayName("info() describes the store and its pool with sane numbers and no credentials")
  void infoIsSane() {
    StoreInfo info = store.info();

    assertThat(info.description()).isNotBlank().doesNotContainIgnoringCase("password");
    assertThat(info.poolSize()).isPositive();
    assertThat(info.active()).isNotNegative();
    assertThat(info.idle()).isNotNegative();
    assertThat(info.waiting()).isNotNegative();
    assertThat(info.active() + info.idle()).isLessThanOrEqualTo(info.poolSize());
  }

  @Test
  @DisplayName("null arguments are rejected with NullPointerException")
  void nullArgumentsRejected() {
    assertThatThrownBy(() -> store.write(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.existingVehicles(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.forEachVehicle(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("a closed store throws StoreException on every use; closing twice is harmless")
  void useAfterCloseThrowsStoreException() {
    store.write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(1), "c"))));
    store.close();

    assertThatCode(store::close).doesNotThrowAnyException();
    List<VehicleKey> keys = List.of(vehicleKey(1));
    assertThatThrownBy(() -> store.existingVehicles(keys)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.findVehicles(keys)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.completedVehicles(keys)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.existingCombinations(List.of(new CombinationKey(keys.get(0), option(0)))))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(2), "c")))))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.cachedLevel(TreeLevel.YEARS, List.of()))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(store::failures).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.forEachVehicle(v -> { })).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.forEachFitment(f -> { })).isInstanceOf(StoreException.class);
    assertThatThrownBy(store::vehicleCount).isInstanceOf(StoreException.class);
    assertThatThrownBy(store::fitmentCount).isInstanceOf(StoreException.class);
  }
}
