package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.YearMake;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroundTruthWalkTest {
  private SimulatedCwoSite site;
  private SiteClient client;

  @BeforeAll
  void start() {
    site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(11)).build().start();
    client = new SiteClient(site);
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  @DisplayName("walking the small catalog over plain HTTP rebuilds exactly the ground truth")
  void walkRebuildsGroundTruth() {
    GroundTruth truth = site.groundTruth();
    Set<YearMake> units = new HashSet<>();
    Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
    for (String year : CrudeSite.names(json(client.api("/")))) {
      for (String make : CrudeSite.names(json(client.api(SiteClient.path(year))))) {
        units.add(new YearMake(Integer.parseInt(year), make));
        for (String model : CrudeSite.names(json(client.api(SiteClient.path(year, make))))) {
          JsonNode info = json(client.api(SiteClient.path(year, make, model)));
          for (String trim : CrudeSite.names(info.get("trim"))) {
            JsonNode drives = json(client.api(
                SiteClient.path("offsetguide", year, make, model, "trim", trim, "drives")));
            for (String drive : CrudeSite.names(drives)) {
              VehicleKey key = new VehicleKey(Integer.parseInt(year), make, model, trim, drive);
              HttpResponse<String> r = client.api(SiteClient.path(year, make, model, trim, drive));
              assertThat(r.statusCode()).as(key.toString()).isEqualTo(200);
              vehicles.put(key, CrudeSite.vehicle(key, r.body()));
            }
          }
        }
      }
    }
    assertThat(units).isEqualTo(truth.units());
    assertThat(vehicles).isEqualTo(truth.vehicles());

    Map<String, List<String>> optionCache = new ConcurrentHashMap<>();
    Set<Fitment> fitments = ConcurrentHashMap.newKeySet();
    vehicles.values().parallelStream().filter(Vehicle::hasData).forEach(v -> {
      String session = client.setVehicle(v);
      List<String> s = optionCache.computeIfAbsent(v.vehicleType() + "/s",
          k -> CrudeSite.names(json(client.options(v.vehicleType(), "getSuspension", session))));
      List<String> t = optionCache.computeIfAbsent(v.vehicleType() + "/t",
          k -> CrudeSite.names(json(client.options(v.vehicleType(), "getTrimming", session))));
      List<String> rb = optionCache.computeIfAbsent(v.vehicleType() + "/r",
          k -> CrudeSite.names(json(client.options(v.vehicleType(), "getRubbing", session))));
      List<FitmentOption> options = new ArrayList<>();
      s.forEach(a -> t.forEach(b -> rb.forEach(c -> options.add(new FitmentOption(a, b, c)))));
      assertThat(options).isEqualTo(truth.options(v.key()));
      for (FitmentOption o : options) {
        HttpResponse<String> page = client.fitmentPage(v, o, session);
        Fitment f = CrudeSite.fitment(new CombinationKey(v.key(), o), page.body());
        assertThat(f).as("page of %s %s", v.key(), o).isNotNull();
        fitments.add(f);
      }
    });
    assertThat(fitments).hasSize((int) truth.fitmentCount());
    assertThat(fitments).containsExactlyInAnyOrderElementsOf(truth.fitments().toList());
    assertThat(site.stats().duplicateFetches()).isZero();
    assertThat(site.stats().successes(EndpointKind.FITMENT_PAGE)).isEqualTo(truth.fitmentCount());
  }

  private static JsonNode json(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(200);
    return CrudeSite.json(r.body());
  }
}
