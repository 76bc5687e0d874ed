package dev.cwo.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.testkit.SimulatedCatalog;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FitmentFeedTest {
  @Test
  void everyCombinationComesWithItsVehicleAndIsNew() {
    FitmentFeed feed = new FitmentFeed(SimulatedCatalog.small(1));
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      FitmentFeed.Slice s = feed.next(500);
      Set<VehicleKey> vehicles = new HashSet<>();
      for (Vehicle v : s.vehicles()) vehicles.add(v.key());
      assertThat(s.fitments()).hasSize(500);
      for (Fitment f : s.fitments()) {
        assertThat(vehicles).as("vehicle of %s", f.key()).contains(f.key().vehicle());
        assertThat(seen.add(f.key())).as("new key %s", f.key()).isTrue();
      }
    }
  }
}
