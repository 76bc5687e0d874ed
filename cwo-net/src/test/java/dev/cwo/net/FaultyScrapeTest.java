package dev.cwo.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.InMemoryCombinationStore;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.UnitSelection;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.net.internal.ResponseClassifier;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.testkit.EndpointKind;
import dev.cwo.testkit.FaultKind;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.SiteFaults;
import dev.cwo.testkit.SiteHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The "done when" runs: the whole stack (processor, source, polite decorator, HttpClient)
 * against the simulated site with every fault class on, and with a persistent wall switched on
 * mid-run.
 */
class FaultyScrapeTest {

  /**
   * Counts, per host and per epoch second, the requests that leave the client (it sits under the
   * polite decorator, so each count is one request on the wire; HttpClient retries nothing
   * itself). The site's own {@code requestsPerSecond} adds both hosts together.
   */
  static final class SendCounter implements FetchClient {
    final FetchClient delegate;
    final Map<String, Map<Long, LongAdder>> perHostSecond = new ConcurrentHashMap<>();
    volatile Consumer<FetchResponse> onResponse = r -> {};

    SendCounter(FetchClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public FetchSession newSession() {
      return delegate.newSession();
    }

    @Override
    public FetchResponse fetch(FetchRequest request) {
      perHostSecond
          .computeIfAbsent(ResponseClassifier.hostOf(request.uri()), h -> new ConcurrentHashMap<>())
          .computeIfAbsent(Math.floorDiv(System.currentTimeMillis(), 1000L), s -> new LongAdder())
          .increment();
      FetchResponse r = delegate.fetch(request);
      onResponse.accept(r);
      return r;
    }

    long maxInAnySecond(String host) {
      return perHostSecond.getOrDefault(host, Map.of()).values().stream()
          .mapToLong(LongAdder::sum).max().orElse(0);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  @Tag("slow")
  @DisplayName("a ~1,650-vehicle scrape through every fault class ends exact, fetches nothing twice,"
      + " and no host sees more than 420 requests in a second")
  void faultyMediumScrapeIsExactAndPolite() {
    SiteFaults faults =
        SiteFaults.builder()
            .serverErrorRate(0.03)
            .connectionResetRate(0.01)
            .truncatedBodyRate(0.01)
            .humanVerificationRate(0.01)
            .latency(Duration.ofMillis(20), Duration.ofMillis(10))
            .rateLimit(400)
            .build();
    try (SimulatedCwoSite site =
            SimulatedCwoSite.builder().catalog(SimulatedCatalog.medium(5)).faults(faults).seed(11)
                .build().start();
        SendCounter wire =
            new SendCounter(
                HttpClient5FetchClient.builder()
                    .maxConnectionsPerRoute(32)
                    .responseTimeout(Duration.ofSeconds(10))
                    .build());
        PoliteFetchClient polite =
            PoliteFetchClient.builder()
                .delegate(wire)
                .requestsPerSecondPerHost(400)
                .maxConcurrentPerHost(16)
                .build()) {
      InMemoryCombinationStore store = new InMemoryCombinationStore();
      CwoFitmentSource source =
          CwoFitmentSource.builder()
              .apiBase(site.apiBase())
              .storeBase(site.storeBase())
              .fetchClient(polite)
              .maxAttempts(10)
              .wallThreshold(4)
              .retryDelays(Duration.ofMillis(5), Duration.ofMillis(200))
              .build();

      ProcessResult result =
          MultithreadedProcessor.builder().source(source).store(store).workers(16).build()
              .process(UnitSelection.all());

      assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.COMPLETE);
      assertStoreExact(site, store);
      assertThat(site.stats().duplicateFetches()).as(site.stats().toString()).isZero();
      assertThat(site.stats().faults(FaultKind.SERVER_ERROR)).isPositive();
      assertThat(site.stats().faults(FaultKind.CONNECTION_RESET)).isPositive();
      assertThat(site.stats().faults(FaultKind.TRUNCATED_BODY)).isPositive();
      assertThat(site.stats().faults(FaultKind.HUMAN_VERIFICATION)).isPositive();
      // The site's per-second counter adds both hosts; the limit (and our ceiling) is per host.
      String api = ResponseClassifier.hostOf(site.apiBase());
      String storeHost = ResponseClassifier.hostOf(site.storeBase());
      assertThat(wire.maxInAnySecond(storeHost)).as("store host, busiest second")
          .isBetween(300L, 420L);
      assertThat(wire.maxInAnySecond(api)).as("API host, busiest second").isLessThanOrEqualTo(420);
      assertThat(site.stats().maxRequestsInAnySecond()).as("both hosts together, busiest second")
          .isLessThanOrEqualTo(2 * 420);
      long sent = wire.perHostSecond.values().stream()
          .flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
      assertThat(site.stats().totalRequests()).as("the site saw exactly what the client sent")
          .isEqualTo(sent);
      System.out.printf("medium scrape: %d requests, %s, rate now %.0f/%.0f req/s%n", sent,
          site.stats().faultsByKind(), polite.currentRate(storeHost), polite.currentRate(api));
    }
  }

  @Test
  @DisplayName("a persistent wall switched on mid-run stops it BLOCKED within a few dozen wall"
      + " answers, keeps what was stored, and a rerun after the wall lifts completes exactly")
  void persistentWallStopsTheRunAndARerunCompletes() {
    try (SimulatedCwoSite site =
            SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(8)).build().start();
        SendCounter wire = new SendCounter(HttpClient5FetchClient.builder().build());
        PoliteFetchClient polite =
            PoliteFetchClient.builder()
                .delegate(wire)
                .requestsPerSecondPerHost(5_000)
                .maxConcurrentPerHost(16)
                .build()) {
      InMemoryCombinationStore store = new InMemoryCombinationStore();
      AtomicInteger pages = new AtomicInteger();
      wire.onResponse =
          r -> {
            if (r.uri().getPath().startsWith("/store/wheels") && pages.incrementAndGet() == 400) {
              site.setFaults(site.faults().toBuilder().wall(SiteHost.STORE, true).build());
            }
          };

      ProcessResult blocked =
          MultithreadedProcessor.builder().source(source(site, polite)).store(store).workers(8)
              .build().process(UnitSelection.all());

      assertThat(blocked.outcome()).as(blocked.summary()).isEqualTo(Outcome.BLOCKED);
      long wallAnswers = site.stats().faults(FaultKind.PERSISTENT_WALL);
      assertThat(wallAnswers).as("wall answers before giving up").isBetween(3L, 36L);
      long kept = store.fitmentCount();
      assertThat(kept).isGreaterThanOrEqualTo(300).isLessThan(site.groundTruth().fitments().count());
      assertThat(store.failures()).as("a wall is not an item failure").isEmpty();

      wire.onResponse = r -> {};
      site.setFaults(site.faults().toBuilder().wall(SiteHost.STORE, false).build());
      site.stats().reset();
      ProcessResult after =
          MultithreadedProcessor.builder().source(source(site, polite)).store(store).workers(8)
              .build().process(UnitSelection.all());

      assertThat(after.outcome()).as(after.summary()).isEqualTo(Outcome.COMPLETE);
      assertStoreExact(site, store);
      assertThat(site.stats().requests(EndpointKind.FITMENT_PAGE))
          .as("the rerun fetches only the pages not stored before the wall")
          .isEqualTo(site.groundTruth().fitments().count() - kept);
    }
  }

  private static CwoFitmentSource source(SimulatedCwoSite site, FetchClient client) {
    return CwoFitmentSource.builder()
        .apiBase(site.apiBase())
        .storeBase(site.storeBase())
        .fetchClient(client)
        .retryDelays(Duration.ofMillis(1), Duration.ofMillis(10))
        .build();
  }

  private static void assertStoreExact(SimulatedCwoSite site, InMemoryCombinationStore store) {
    Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
    store.forEachVehicle(v -> vehicles.put(v.key(), v));
    assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
    List<Fitment> fitments = new ArrayList<>();
    store.forEachFitment(fitments::add);
    List<Fitment> expected =
        site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList();
    assertThat(fitments).hasSameSizeAs(expected).containsExactlyElementsOf(expected);
  }
}
