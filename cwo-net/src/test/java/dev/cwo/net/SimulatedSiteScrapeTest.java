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
import dev.cwo.testkit.EndpointKind;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.SiteFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link CwoFitmentSource} and {@link HttpClient5FetchClient} against the simulated site, which
 * implements the same protocol independently: every awkward name, layout and quirk of the small
 * catalog must come through equal to the site's ground truth.
 */
class SimulatedSiteScrapeTest {

  @Test
  @DisplayName("the source reads the whole simulated catalog exactly, through the processor")
  void readsTheWholeCatalogExactly() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(3)).build().start();
        HttpClient5FetchClient http = HttpClient5FetchClient.builder().build()) {
      InMemoryCombinationStore store = new InMemoryCombinationStore();
      CwoFitmentSource source =
          CwoFitmentSource.builder()
              .apiBase(site.apiBase())
              .storeBase(site.storeBase())
              .fetchClient(http)
              .retryDelays(Duration.ofMillis(1), Duration.ofMillis(10))
              .build();

      ProcessResult result =
          MultithreadedProcessor.builder().source(source).store(store).workers(8).build()
              .process(UnitSelection.all());

      assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.COMPLETE);
      Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
      store.forEachVehicle(v -> vehicles.put(v.key(), v));
      assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
      List<Fitment> fitments = new ArrayList<>();
      store.forEachFitment(fitments::add);
      List<Fitment> expected =
          site.groundTruth().fitments().sorted(java.util.Comparator.comparing(Fitment::key)).toList();
      List<Fitment> missing = new ArrayList<>(expected);
      missing.removeAll(fitments);
      List<Fitment> unexpected = new ArrayList<>(fitments);
      unexpected.removeAll(expected);
      assertThat(missing).as("expected but not stored").isEmpty();
      assertThat(unexpected).as("stored but not expected").isEmpty();
      assertThat(fitments).containsExactlyElementsOf(expected);
      assertThat(site.stats().duplicateFetches()).isZero();
      assertThat(site.stats().requests(EndpointKind.FITMENT_PAGE)).isEqualTo(fitments.size());
    }
  }
}
