package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.Fitment;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.SizeRange;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulatedCatalogTest {
  private static final SimulatedCatalog SMALL = SimulatedCatalog.small(1);

  @Test
  @DisplayName("the same seed gives the same catalog; another seed a different one")
  void deterministic() {
    GroundTruth a = SimulatedCatalog.small(21).groundTruth();
    GroundTruth b = SimulatedCatalog.small(21).groundTruth();
    GroundTruth c = SimulatedCatalog.small(22).groundTruth();
    assertThat(a.vehicles()).isEqualTo(b.vehicles());
    assertThat(a.fitments().toList()).isEqualTo(b.fitments().toList());
    assertThat(a.fitments().toList()).isNotEqualTo(c.fitments().toList());
  }

  @Test
  @DisplayName("names hold every awkward character the protocol lists")
  void awkwardNames() {
    Set<String> names = SMALL.groundTruth().vehicles().keySet().stream()
        .flatMap(k -> Stream.of(k.make(), k.model(), k.trim(), k.drive()))
        .collect(Collectors.toSet());
    assertThat(names).contains("Citroën", "Škoda", "Mercedes-Benz", "Rolls & Royce", "A/B Test",
        "C+ Pro", "Model \"S\"", "100%", "#1", "O'Neil");
    String all = String.join("", names);
    for (String ch : List.of(" ", "&", "/", "+", "'", "\"", "%", "#", "?", ".", "(", "-", "ë")) {
      assertThat(all).as(ch).contains(ch);
    }
  }

  @Test
  @DisplayName("about 5% of vehicles have no data; options average about 18 per vehicle")
  void proportions() {
    SimulatedCatalog medium = SimulatedCatalog.medium(1);
    GroundTruth t = medium.groundTruth();
    long noData = t.vehicles().values().stream().filter(v -> !v.hasData()).count();
    assertThat((double) noData / medium.vehicleCount()).isBetween(0.02, 0.09);
    assertThat(medium.vehicleCount()).isBetween(1300, 1800);
    assertThat(t.fitmentCount()).isBetween(22_000L, 32_000L);
    double perVehicle = (double) t.fitmentCount() / (medium.vehicleCount() - noData);
    assertThat(perVehicle).isBetween(15.0, 21.0);
    assertThat(SMALL.vehicleCount()).isBetween(150, 400);
  }

  @Test
  @DisplayName("fitments cover square and staggered, empty and one-bound ranges, negative offsets")
  void fitmentVariety() {
    List<Fitment> all = SimulatedCatalog.medium(2).groundTruth().fitments().toList();
    assertThat(all).anyMatch(Fitment::staggered).anyMatch(f -> !f.staggered());
    assertThat(all).allMatch(f -> f.staggered() || f.front().equals(f.rear()));
    assertThat(all).anyMatch(f -> f.front().diameter() == null);
    assertThat(all).anyMatch(f -> f.front().offset() != null && f.front().offset().max() == null);
    assertThat(all).anyMatch(f -> f.front().width() != null && f.front().width().min() == null);
    assertThat(all).anyMatch(f -> f.front().offset() != null && f.front().offset().min() != null
        && f.front().offset().min().signum() < 0);
    assertThat(all).anyMatch(f -> f.boltPatternMm() == null).anyMatch(f -> f.boltPatternMm() != null);
    SizeRange any = all.stream().map(f -> f.front().width()).filter(w -> w != null
        && w.min() != null && w.max() != null).findFirst().orElseThrow();
    assertThat(any.text()).matches("[0-9.]+\" to [0-9.]+\"");
    assertThat(any.min()).isLessThan(any.max().add(BigDecimal.ONE));
  }

  @Test
  @DisplayName("records vary: list vehicleType, extra fields, blank fields, an echo unlike the key")
  void recordVariety() {
    List<Vehicle> vs = SimulatedCatalog.medium(3).groundTruth().vehicles().values().stream()
        .filter(Vehicle::hasData).toList();
    assertThat(vs).anyMatch(v -> v.rawJson().contains("\"vehicleType\":["));
    assertThat(vs).anyMatch(v -> v.rawJson().contains("fitmentNotes2027"));
    assertThat(vs).anyMatch(v -> v.rawJson().contains("\"boltpatternInches\":\"\""));
    assertThat(vs).anyMatch(v -> v.staggered() == null);
    assertThat(vs).anyMatch(v -> !v.rawJson().contains("\"make\":"
        + CrudeSite.JSON.valueToTree(v.key().make()).toString()));
    assertThat(vs).map(Vehicle::vehicleType).contains("Car", "Truck", "SUV");
  }

  @Test
  @DisplayName("the ground truth answers per unit and per key")
  void groundTruthQueries() {
    GroundTruth t = SMALL.groundTruth();
    var unit = t.units().iterator().next();
    long perUnit = t.vehicles(List.of(unit)).count();
    assertThat(t.vehicles().keySet()).filteredOn(k -> k.yearMake().equals(unit)).hasSize((int) perUnit);
    assertThat(t.fitments(List.of(unit)).count()).isEqualTo(t.fitmentCount(List.of(unit)));
    assertThat(t.vehicle(new VehicleKey(1900, "x", "y", "z", "w"))).isEmpty();
    assertThat(t.units()).hasSizeGreaterThan(10);
  }

  @Test
  @DisplayName("the large preset holds ~20k vehicles without materialising its fitments")
  void large() {
    SimulatedCatalog large = SimulatedCatalog.large(1);
    assertThat(large.vehicleCount()).isBetween(15_000, 25_000);
    assertThat(large.groundTruth().fitmentCount()).isGreaterThan(250_000L);
  }

  @Test
  @DisplayName("build() names every bad knob at once")
  void validation() {
    assertThatThrownBy(() -> SimulatedCatalog.builder().years(0).drivesPerTrim(99).noDataRate(2)
        .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("years").hasMessageContaining("drivesPerTrim")
        .hasMessageContaining("noDataRate");
  }
}
