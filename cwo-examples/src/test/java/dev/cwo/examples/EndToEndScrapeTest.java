package dev.cwo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.UnitSelection;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.YearMake;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.testkit.EndpointKind;
import dev.cwo.testkit.FaultKind;
import dev.cwo.testkit.GroundTruth;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.SiteFaults;
import dev.cwo.testkit.SiteHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole chain with real parts: the processor, the Apache HttpClient 5 client, the CWO source,
 * and a SQLite file, against the simulated site on loopback. The store must end equal to the
 * site's ground truth, row for row.
 */
class EndToEndScrapeTest {
  @TempDir Path dir;

  private SimulatedCwoSite site;
  private HttpClient5FetchClient http;
  private JooqCombinationStore store;

  @AfterEach
  void close() {
    if (store != null) store.close();
    if (http != null) http.close();
    if (site != null) site.close();
  }

  private void start(SiteFaults faults, int sessionMaxUses) {
    SimulatedCwoSite.Builder b =
        SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(7)).seed(11).faults(faults);
    if (sessionMaxUses > 0) b.sessionMaxUses(sessionMaxUses);
    site = b.build().start();
    http = HttpClient5FetchClient.builder().maxConnectionsPerRoute(32).build();
    store = JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("cwo.db")).build();
  }

  private MultithreadedProcessor processor(FetchClient client, int workers) {
    CwoFitmentSource source =
        CwoFitmentSource.builder()
            .apiBase(site.apiBase())
            .storeBase(site.storeBase())
            .fetchClient(client)
            .retryDelays(Duration.ofMillis(1), Duration.ofMillis(20))
            .maxAttempts(8)
            .build();
    return MultithreadedProcessor.builder()
        .source(source)
        .store(store)
        .workers(workers)
        .writeBatchSize(200)
        .writeMaxDelay(Duration.ofMillis(20))
        .build();
  }

  private void assertStoreEqualsGroundTruth() {
    GroundTruth truth = site.groundTruth();
    Map<VehicleKey, Vehicle> stored = new TreeMap<>();
    store.forEachVehicle(v -> stored.put(v.key(), v));
    assertThat(stored.keySet()).containsExactlyElementsOf(truth.vehicles().keySet());
    assertThat(stored).isEqualTo(truth.vehicles());

    List<Fitment> fitments = new ArrayList<>();
    store.forEachFitment(fitments::add);
    List<Fitment> expected =
        truth.fitments().sorted(Comparator.comparing(Fitment::key)).collect(Collectors.toList());
    assertThat(fitments).hasSameSizeAs(expected);
    assertThat(fitments).containsExactlyElementsOf(expected);
    assertThat(store.vehicleCount()).isEqualTo(truth.vehicles().size());
    assertThat(store.fitmentCount()).isEqualTo(truth.fitmentCount());
  }

  @ParameterizedTest(name = "{0} workers")
  @ValueSource(ints = {1, 4, 32})
  @DisplayName("a clean scrape stores exactly the site's vehicles and combinations, each page fetched once")
  void exactScrape(int workers) {
    start(SiteFaults.none(), 0);

    ProcessResult result = processor(http, workers).process(UnitSelection.all());

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreEqualsGroundTruth();
    assertThat(store.failures()).isEmpty();
    assertThat(site.stats().duplicateFetches()).isZero();
    assertThat(site.stats().requests(EndpointKind.FITMENT_PAGE)).isEqualTo(site.groundTruth().fitmentCount());
  }

  @Test
  @DisplayName("with transient faults of every kind and expiring sessions the scrape still ends exact")
  void exactUnderTransientFaults() {
    start(
        SiteFaults.builder()
            .serverErrorRate(0.03)
            .connectionResetRate(0.01)
            .truncatedBodyRate(0.01)
            .humanVerificationRate(0.01)
            .forbiddenRate(0.005)
            .latency(Duration.ofMillis(1), Duration.ofMillis(1))
            .build(),
        40);

    ProcessResult result = processor(http, 16).process(UnitSelection.all());

    assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.COMPLETE);
    assertStoreEqualsGroundTruth();
    assertThat(store.failures()).isEmpty();
    assertThat(site.stats().faultsByKind().values().stream().mapToLong(Long::longValue).sum())
        .as("faults were really injected")
        .isGreaterThan(50);
  }

  @Test
  @DisplayName("a wall raised mid-run stops it as BLOCKED with work kept; a rerun after it lifts completes exactly")
  void blockedThenResumed() {
    start(SiteFaults.none(), 0);
    long total = site.groundTruth().fitmentCount();
    AtomicInteger pages = new AtomicInteger();
    FetchClient raisesWall = new FetchClient() {
      @Override
      public FetchSession newSession() {
        return http.newSession();
      }

      @Override
      public FetchResponse fetch(FetchRequest request) {
        if (request.uri().getPath().startsWith("/store/wheels")) {
          // Count and raise the wall under one lock, so no page numbered past the trigger can reach
          // the site before the wall is up (a worker racing ahead would store one page too many).
          synchronized (pages) {
            if (pages.incrementAndGet() == total / 3) {
              site.setFaults(SiteFaults.builder().wall(SiteHost.STORE, true).build());
            }
          }
        }
        return http.fetch(request);
      }

      @Override
      public void close() {}
    };

    ProcessResult blocked = processor(raisesWall, 8).process(UnitSelection.all());

    assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(blocked.blockedBy()).isPresent();
    long keptPages = store.fitmentCount();
    assertThat(keptPages).isBetween(total / 3 - 20, total / 3);
    assertThat(store.failures()).as("a wall is not an item failure").isEmpty();
    long wallAnswers = site.stats().faults(FaultKind.PERSISTENT_WALL);
    assertThat(wallAnswers).isPositive();
    assertThat(wallAnswers).as("no request storm at the wall").isLessThanOrEqualTo(36);

    site.setFaults(SiteFaults.none());
    site.stats().reset();
    ProcessResult resumed = processor(http, 8).process(UnitSelection.all());

    assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETE);
    assertStoreEqualsGroundTruth();
    assertThat(site.stats().requests(EndpointKind.FITMENT_PAGE))
        .as("only pages not stored before the wall are fetched")
        .isEqualTo(total - keptPages);
  }

  @Test
  @DisplayName("units given directly are scraped alone, and nothing else is stored")
  void selectedUnitsOnly() {
    start(SiteFaults.none(), 0);
    List<YearMake> units = site.groundTruth().units().stream().limit(3).toList();

    ProcessResult result = processor(http, 4).process(units);

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(store.vehicleCount()).isEqualTo(site.groundTruth().vehicles(units).count());
    assertThat(store.fitmentCount()).isEqualTo(site.groundTruth().fitmentCount(units));
  }
}
