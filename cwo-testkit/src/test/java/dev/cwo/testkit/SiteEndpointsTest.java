package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteEndpointsTest {
  private SimulatedCwoSite site;
  private SiteClient client;
  private GroundTruth truth;

  @BeforeAll
  void start() {
    site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(3)).build().start();
    client = new SiteClient(site);
    truth = site.groundTruth();
  }

  @AfterAll
  void stop() {
    site.close();
  }

  private Vehicle vehicleWhere(java.util.function.Predicate<Vehicle> p) {
    return truth.vehicles().values().stream().filter(p).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("years are JSON strings, not served newest-first, with and without trailing slash")
  void years() {
    HttpResponse<String> r = client.api("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        c -> assertThat(c).startsWith("application/json"));
    JsonNode years = CrudeSite.json(r.body());
    assertThat(years.isArray()).isTrue();
    years.forEach(y -> assertThat(y.isTextual()).isTrue());
    assertThat(CrudeSite.names(years)).containsExactlyInAnyOrder("2026", "2025", "2024", "2023");
    assertThat(years.get(0).asText()).isNotEqualTo("2026");
    assertThat(client.get(site.apiBase(), null).body()).isEqualTo(r.body());
  }

  @Test
  @DisplayName("a makes list repeats a name, and a make may have no models")
  void makesAndEmptyModels() {
    JsonNode makes = CrudeSite.json(client.api("/2026").body());
    assertThat(makes.size()).isGreaterThan(CrudeSite.names(makes).size());
    String last = CrudeSite.names(makes).get(CrudeSite.names(makes).size() - 1);
    HttpResponse<String> models = client.api(SiteClient.path("2026", last));
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).isEqualTo("[]");
  }

  @Test
  @DisplayName("model info has vehicleType, drive and trim; a model may have no trims")
  void modelInfo() {
    Vehicle v = vehicleWhere(Vehicle::hasData);
    VehicleKey k = v.key();
    JsonNode info = CrudeSite.json(client.api(SiteClient.path("" + k.year(), k.make(), k.model()))
        .body());
    assertThat(info.has("vehicleType") && info.has("drive") && info.has("trim")).isTrue();
    assertThat(CrudeSite.names(info.get("vehicleType"))).containsExactly(v.vehicleType());
    assertThat(CrudeSite.names(info.get("trim"))).contains(k.trim());
    assertThat(CrudeSite.names(info.get("drive"))).contains(k.drive());
    // the first year's first make's second model is generated without trims
    String make = CrudeSite.names(CrudeSite.json(client.api("/2026").body())).get(0);
    String model = CrudeSite.names(CrudeSite.json(client.api(SiteClient.path("2026", make)).body()))
        .get(1);
    JsonNode empty = CrudeSite.json(client.api(SiteClient.path("2026", make, model)).body());
    assertThat(empty.get("trim").isArray() && empty.get("trim").isEmpty()).isTrue();
  }

  @Test
  @DisplayName("drives of a trim answer a list; the vehicle record is the truth's rawJson")
  void drivesAndVehicle() {
    Vehicle v = vehicleWhere(Vehicle::hasData);
    VehicleKey k = v.key();
    HttpResponse<String> drives = client.api(SiteClient.path(
        "offsetguide", "" + k.year(), k.make(), k.model(), "trim", k.trim(), "drives"));
    assertThat(CrudeSite.names(CrudeSite.json(drives.body()))).contains(k.drive());
    HttpResponse<String> rec = client.api(
        SiteClient.path("" + k.year(), k.make(), k.model(), k.trim(), k.drive()));
    assertThat(rec.body()).isEqualTo(v.rawJson());
    assertThat(CrudeSite.vehicle(k, rec.body())).isEqualTo(v);
    Vehicle none = vehicleWhere(x -> !x.hasData());
    VehicleKey nk = none.key();
    HttpResponse<String> nd = client.api(
        SiteClient.path("" + nk.year(), nk.make(), nk.model(), nk.trim(), nk.drive()));
    assertThat(nd.statusCode()).isEqualTo(200);
    assertThat(nd.body()).isEqualTo(none.rawJson());
    assertThat(CrudeSite.vehicle(nk, nd.body())).isEqualTo(Vehicle.noData(nk, nd.body()));
  }

  @Test
  @DisplayName("every awkward name round-trips through a fully encoded path")
  void awkwardNamesRoundTrip() {
    List<Vehicle> awkward = truth.vehicles().values().stream()
        .filter(v -> (v.key().make() + v.key().model() + v.key().trim() + v.key().drive())
            .matches(".*[ &/+'\"%#?.(\\-\\u0080-\\uffff].*"))
        .toList();
    assertThat(awkward).hasSizeGreaterThan(50);
    for (Vehicle v : awkward) {
      VehicleKey k = v.key();
      HttpResponse<String> r = client.api(
          SiteClient.path("" + k.year(), k.make(), k.model(), k.trim(), k.drive()));
      assertThat(r.statusCode()).as(k.toString()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(v.rawJson());
    }
  }

  @Test
  @DisplayName("a raw + in a path decodes as a space, so the name is wrong and the answer is 404")
  void rawPlusIsSpace() {
    Vehicle v = vehicleWhere(x -> x.key().model().equals("C+ Pro"));
    VehicleKey k = v.key();
    String good = SiteClient.path("" + k.year(), k.make(), k.model());
    assertThat(client.api(good).statusCode()).isEqualTo(200);
    String rawPlus = SiteClient.path("" + k.year(), k.make()) + "/C+%20Pro";
    HttpResponse<String> r = client.api(rawPlus);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  @DisplayName("a raw slash splits a name, so A/B Test left unencoded is not found")
  void rawSlashIsNotFound() {
    Vehicle v = vehicleWhere(x -> x.key().model().equals("A/B Test"));
    VehicleKey k = v.key();
    String raw = SiteClient.path("" + k.year(), k.make()) + "/A/B%20Test";
    assertThat(client.api(raw).statusCode()).isEqualTo(404);
    assertThat(client.api("/1900").statusCode()).isEqualTo(404);
    assertThat(client.api("/not-a-year").statusCode()).isEqualTo(404);
    assertThat(client.store("/nothing-here", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("option lists depend on the vehicle type and may repeat a value")
  void optionLists() {
    String session = client.setVehicle(vehicleWhere(Vehicle::hasData));
    JsonNode rub = CrudeSite.json(client.options("Truck", "getRubbing", session).body());
    assertThat(rub.size()).isGreaterThan(CrudeSite.names(rub).size());
    assertThat(CrudeSite.names(CrudeSite.json(client.options("Car", "getSuspension", session)
        .body()))).containsExactly("Stock", "Lowering Springs", "Coilovers");
    assertThat(CrudeSite.json(client.options("Spaceship", "getTrimming", session).body()).size())
        .isZero();
  }

  @Test
  @DisplayName("a fitment page with the session shows the truth's fitment; set-vehicle answers ok")
  void fitmentPage() {
    Vehicle v = vehicleWhere(Vehicle::hasData);
    HttpResponse<String> set = client.store("/api/ymm-temp.php?" + SiteClient.form(SiteClient.q(
        "store", "wheels", "type", "set", "vehicle_type", v.vehicleType(), "year",
        "" + v.key().year(), "make", v.key().make(), "model", v.key().model(), "trim",
        v.key().trim(), "drive", v.key().drive(), "chassis", v.chassisId())), null);
    assertThat(set.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(set.headers().firstValue("Set-Cookie")).hasValueSatisfying(
        c -> assertThat(c).matches("PHPSESSID=[0-9a-f]+; Path=/; HttpOnly"));
    String session = SiteClient.sessionOf(set).orElseThrow();
    FitmentOption o = truth.options(v.key()).get(0);
    String html = client.fitmentPage(v, o, session).body();
    assertThat(CrudeSite.fitment(new dev.cwo.CombinationKey(v.key(), o), html))
        .isEqualTo(truth.fitment(new dev.cwo.CombinationKey(v.key(), o)).orElseThrow());
    FitmentOption unknown = new FitmentOption("Hover", "None", "Rubs");
    assertThat(CrudeSite.generic(client.fitmentPage(v, unknown, session).body())).isTrue();
  }
}
