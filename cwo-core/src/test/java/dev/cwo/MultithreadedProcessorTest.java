package dev.cwo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultithreadedProcessorTest {

  private final FakeFitmentSource site = new FakeFitmentSource(2, 3, 3, 2, 2);
  private final InMemoryCombinationStore store = new InMemoryCombinationStore();

  private MultithreadedProcessor.Builder processor(int workers) {
    return MultithreadedProcessor.builder()
        .source(site)
        .store(store)
        .workers(workers)
        .writeBatchSize(7)
        .writeMaxDelay(Duration.ofMillis(5));
  }

  private List<YearMake> units() {
    return List.of(new YearMake(2020, "Make & 0"), new YearMake(2020, "Make & 1"), new YearMake(2021, "Make & 2"));
  }

  private TreeSet<CombinationKey> expectedCombinations(List<YearMake> units) {
    TreeSet<CombinationKey> keys = new TreeSet<>();
    for (VehicleKey v : site.vehicleKeys(units)) {
      if (FakeFitmentSource.hasData(v)) {
        for (FitmentOption o : site.options) keys.add(new CombinationKey(v, o));
      }
    }
    return keys;
  }

  private TreeSet<VehicleKey> storedVehicles() {
    TreeSet<VehicleKey> keys = new TreeSet<>();
    store.forEachVehicle(v -> keys.add(v.key()));
    return keys;
  }

  private List<Fitment> storedFitments() {
    List<Fitment> out = new ArrayList<>();
    store.forEachFitment(out::add);
    return out;
  }

  private void assertStoreExact(List<YearMake> units) {
    assertThat(storedVehicles()).containsExactlyElementsOf(new TreeSet<>(site.vehicleKeys(units)));
    List<Fitment> fitments = storedFitments();
    assertThat(fitments).extracting(Fitment::key).containsExactlyElementsOf(expectedCombinations(units));
    assertThat(fitments).allSatisfy(f -> assertThat(f).isEqualTo(FakeFitmentSource.fitmentOf(f.key())));
    store.forEachVehicle(v -> assertThat(v).isEqualTo(FakeFitmentSource.vehicleOf(v.key())));
  }

  @ParameterizedTest(name = "{0} workers")
  @ValueSource(ints = {1, 4, 32})
  @DisplayName("a run stores exactly the site's vehicles and combinations, each page fetched once")
  void exactScrape(int workers) {
    ProcessResult result = processor(workers).build().process(units());

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
    assertThat(site.pageCalls.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(site.calls("page")).isEqualTo(expectedCombinations(units()).size());
    assertThat(site.sessionsOpen.get()).as("sessions left open").isZero();
    assertThat(result.level(TreeLevel.VEHICLES).found()).isEqualTo(site.vehicleKeys(units()).size());
    assertThat(result.level(TreeLevel.COMBINATIONS).done()).isEqualTo(expectedCombinations(units()).size());
    assertThat(result.fitmentsWritten()).isEqualTo(expectedCombinations(units()).size());
    assertThat(store.completedVehicles(site.vehicleKeys(units()))).hasSize(site.vehicleKeys(units()).size());
  }

  @Test
  @DisplayName("fitments(false) stops at the vehicle records; a later run with fitments fetches only the pages")
  void withoutFitmentsStopsAtVehicles() {
    ProcessResult first = processor(4).fitments(false).build().process(units());

    assertThat(first.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(storedVehicles()).containsExactlyElementsOf(new TreeSet<>(site.vehicleKeys(units())));
    assertThat(store.fitmentCount()).isZero();
    assertThat(site.calls("session")).isZero();
    assertThat(site.calls("page")).isZero();
    List<VehicleKey> withData = site.vehicleKeys(units()).stream().filter(FakeFitmentSource::hasData).toList();
    assertThat(store.completedVehicles(withData)).as("vehicles with data are not complete").isEmpty();
    site.calls.clear();

    ProcessResult second = processor(4).build().process(units());

    assertThat(second.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
    assertThat(site.calls("vehicle")).isZero();
    assertThat(site.calls("page")).isEqualTo(expectedCombinations(units()).size());
  }

  @Test
  @DisplayName("a second run over a finished catalog asks the site for no vehicle and no page")
  void rerunSkipsEverything() {
    processor(4).build().process(units());
    site.calls.clear();

    ProcessResult again = processor(4).build().process(units());

    assertThat(again.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(site.calls("vehicle")).isZero();
    assertThat(site.calls("page")).isZero();
    assertThat(site.calls("session")).isZero();
    assertThat(again.level(TreeLevel.VEHICLES).skipped()).isEqualTo(site.vehicleKeys(units()).size());
  }

  @Test
  @DisplayName("a run after a partial one fetches only the missing pages")
  void resumesPartialWork() {
    List<CombinationKey> all = new ArrayList<>(expectedCombinations(units()));
    List<Vehicle> vehicles = new ArrayList<>();
    for (VehicleKey k : site.vehicleKeys(units())) vehicles.add(FakeFitmentSource.vehicleOf(k));
    List<Fitment> half = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 2) half.add(FakeFitmentSource.fitmentOf(all.get(i)));
    store.write(WriteBatch.ofVehicles(vehicles));
    store.write(WriteBatch.ofFitments(half));
    site.calls.clear();

    ProcessResult result = processor(4).build().process(units());

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
    assertThat(site.calls("vehicle")).as("stored vehicles are not fetched again").isZero();
    assertThat(site.calls("page")).isEqualTo(all.size() - half.size());
    assertThat(result.level(TreeLevel.COMBINATIONS).skipped()).isEqualTo(half.size());
  }

  @Test
  @DisplayName("with skipExisting off every page is fetched again and still stored once")
  void noSkipRefetches() {
    processor(4).build().process(units());
    site.calls.clear();

    ProcessResult result = processor(4).skipExisting(false).build().process(units());

    assertThat(site.calls("page")).isEqualTo(expectedCombinations(units()).size());
    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
  }

  @Test
  @DisplayName("failed items go to the failure journal, the run goes on, and a rerun finishes them")
  void failuresAreJournaledAndRetried() {
    CombinationKey bad = expectedCombinations(units()).first();
    VehicleKey badVehicle = site.vehicleKeys(units()).get(5);
    site.pageFails = bad::equals;
    site.vehicleFails = badVehicle::equals;

    ProcessResult first = processor(4).build().process(units());

    assertThat(first.outcome()).isEqualTo(Outcome.COMPLETED_WITH_FAILURES);
    assertThat(first.failureCount()).isEqualTo(2);
    assertThat(store.failures())
        .extracting(FailureRecord::level, FailureRecord::path)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TreeLevel.COMBINATIONS, FailureRecord.pathOf(bad)),
            org.assertj.core.groups.Tuple.tuple(TreeLevel.VEHICLES, FailureRecord.pathOf(badVehicle)));
    assertThat(store.completedVehicles(List.of(bad.vehicle()))).isEmpty();

    site.pageFails = k -> false;
    site.vehicleFails = k -> false;
    site.calls.clear();
    ProcessResult second = processor(4).build().process(units());

    assertThat(second.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
    assertThat(store.failures()).isEmpty();
    assertThat(site.calls("vehicle")).isEqualTo(1);
    int badVehiclePages = FakeFitmentSource.hasData(badVehicle) ? site.options.size() : 0;
    assertThat(site.calls("page")).isEqualTo(1 + badVehiclePages);
  }

  @Test
  @DisplayName("the bot wall stops the run as BLOCKED, keeps finished work, and a rerun completes exactly")
  void blockedStopsCleanly() {
    List<CombinationKey> all = new ArrayList<>(expectedCombinations(units()));
    CombinationKey wall = all.get(all.size() / 2);
    site.pageBlocked = wall::equals;

    ProcessResult blocked = processor(4).build().process(units());

    assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(blocked.blockedBy()).isPresent();
    assertThat(store.failures()).as("a wall is not an item failure").isEmpty();
    long kept = store.fitmentCount();
    assertThat(kept).isPositive().isLessThan(all.size());
    assertThat(site.sessionsOpen.get()).isZero();

    site.pageBlocked = k -> false;
    site.calls.clear();
    ProcessResult after = processor(4).build().process(units());

    assertThat(after.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(site.calls("page")).as("only pages not stored before the wall").isEqualTo(all.size() - kept);
    assertStoreExact(units());
  }

  @Test
  @DisplayName("discover lists the units of the selected years and makes, without repeats")
  void discoversUnits() {
    MultithreadedProcessor p = processor(2).build();

    assertThat(p.discover(UnitSelection.all())).hasSize(2 * 3);
    assertThat(p.discover(UnitSelection.years(2021, 2030).withMakes(Set.of("Make & 1", "Nope"))))
        .containsExactly(new YearMake(2021, "Make & 1"));
    assertThat(store.cachedLevel(TreeLevel.MAKES, List.of("2020"))).isPresent();
  }

  @Test
  @DisplayName("fast mode takes tree levels from the store instead of the site")
  void fastTrustsCachedLevels() {
    processor(2).build().process(units());
    site.calls.clear();

    processor(2).fast(true).build().process(units());

    assertThat(site.calls("models")).isZero();
    assertThat(site.calls("trims")).isZero();
    assertThat(site.calls("drives")).isZero();
  }

  @Test
  @DisplayName("build() rejects every bad setting at once, naming each")
  void rejectsBadSettings() {
    assertThatThrownBy(() -> MultithreadedProcessor.builder().workers(0).writeBatchSize(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("source is required")
        .hasMessageContaining("store is required")
        .hasMessageContaining("workers must be 1..4096, was 0")
        .hasMessageContaining("writeBatchSize must be 1..100000, was 0");
  }

  @Test
  @DisplayName("a store that fails makes process() throw a StoreException and keeps earlier batches")
  void storeFailureSurfaces() {
    CombinationStore failing = new ForwardingStore(store) {
      private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

      @Override
      public void write(WriteBatch batch) {
        if (writes.incrementAndGet() == 3) throw new StoreException("disk full (test)");
        super.write(batch);
      }
    };

    assertThatThrownBy(() -> processor(4).store(failing).build().process(units()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("disk full (test)");
    assertThat(failing.vehicleCount() + failing.fitmentCount()).isPositive();
  }

  @Test
  @DisplayName("retryFailed() fetches only the failed items again and empties the journal")
  void retryFailedRedoesOnlyFailures() {
    List<CombinationKey> all = new ArrayList<>(expectedCombinations(units()));
    Set<CombinationKey> bad = Set.of(all.get(3), all.get(all.size() - 1));
    site.pageFails = bad::contains;
    MultithreadedProcessor p = processor(4).build();
    assertThat(p.process(units()).outcome()).isEqualTo(Outcome.COMPLETED_WITH_FAILURES);
    assertThat(store.failures()).hasSize(2);

    site.pageFails = k -> false;
    site.pageCalls.clear();
    ProcessResult retried = p.retryFailed();

    assertThat(retried.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(site.pageCalls.keySet()).containsExactlyInAnyOrderElementsOf(bad);
    assertThat(store.failures()).isEmpty();
    assertStoreExact(units());
  }

  @Test
  @DisplayName("stop(timeout) ends a run within the deadline as STOPPED, and a rerun completes exactly")
  void stopEndsRunGracefully() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(10);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    site.beforePage = () -> {
      started.countDown();
      if (started.getCount() == 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    MultithreadedProcessor p = processor(4).build();
    java.util.concurrent.CompletableFuture<ProcessResult> run = p.processAsync(units());
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    p.stop();
    release.countDown();
    assertThat(p.stop(Duration.ofSeconds(10))).isTrue();

    ProcessResult stopped = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(store.fitmentCount()).isLessThan(expectedCombinations(units()).size());
    site.beforePage = () -> {};
    assertThat(processor(4).build().process(units()).outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreExact(units());
  }

  @Test
  @DisplayName("virtual threads run the same scrape on Java 21+, and are refused by name on older JVMs")
  void virtualThreads() {
    MultithreadedProcessor.Builder b = processor(16).virtualThreads(true);
    if (Runtime.version().feature() >= 21) {
      assertThat(b.build().process(units()).outcome()).isEqualTo(Outcome.COMPLETE);
      assertStoreExact(units());
    } else {
      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("virtualThreads needs Java 21 or newer");
    }
  }
}
