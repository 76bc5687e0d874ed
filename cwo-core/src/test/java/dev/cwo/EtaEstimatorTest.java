package dev.cwo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {

  private static Map<TreeLevel, LevelCounts> levels(long[]... rows) {
    Map<TreeLevel, LevelCounts> m = new EnumMap<>(TreeLevel.class);
    for (int i = 0; i < rows.length; i++) {
      long[] r = rows[i];
      m.put(EtaEstimator.CHAIN.get(i), new LevelCounts(r[0], r[1], r[2], r[3]));
    }
    return m;
  }

  @Test
  @DisplayName("a finished tree has nothing left")
  void finishedTree() {
    var counts = levels(new long[] {2, 0, 2, 0}, new long[] {4, 0, 4, 0}, new long[] {8, 0, 8, 0},
        new long[] {8, 0, 8, 0}, new long[] {8, 0, 8, 0}, new long[] {96, 0, 96, 0});
    assertThat(EtaEstimator.remainingRequests(counts, 2).getAsDouble()).isZero();
  }

  @Test
  @DisplayName("fan-out observed on resolved parents projects the unresolved ones")
  void projectsFanOut() {
    // 4 units, 2 claimed so far, 1 resolved: it had 3 models.
    // models: expected 4, resolved 1 -> 3 open
    // trims: found 3 from 1 model (fan-out 3) -> expected 3 + 3*3 = 12; 2 resolved -> 10 open
    // drives: found 4 from 2 trims (fan-out 2) -> expected 4 + 2*(12-2) = 24; 4 resolved -> 20 open
    // vehicles: found 4 from 4 drives (1) -> expected 4 + 1*(24-4) = 24; 2 resolved (1 skipped)
    //   -> 22 open, half of them skipped as stored -> 11 requests
    // sessions: found 1 from 2 vehicles (0.5) -> expected 1 + 0.5*22 = 12; 1 resolved -> 11 open
    // combinations: found 6 from 1 session (6) -> expected 6 + 6*11 = 72; 6 resolved -> 66 open
    var counts = levels(new long[] {2, 0, 1, 0}, new long[] {3, 0, 2, 0}, new long[] {4, 0, 4, 0},
        new long[] {4, 1, 1, 0}, new long[] {1, 0, 1, 0}, new long[] {6, 0, 5, 1});
    OptionalDouble left = EtaEstimator.remainingRequests(counts, 4);
    assertThat(left.getAsDouble()).isCloseTo(3 + 10 + 20 + 11 + 11 + 66, within(1e-9));
  }

  @Test
  @DisplayName("with the unit count unknown only claimed units count")
  void unknownUnits() {
    var counts = levels(new long[] {2, 0, 1, 0}, new long[] {3, 0, 3, 0}, new long[] {3, 0, 3, 0},
        new long[] {3, 0, 3, 0}, new long[] {3, 0, 3, 0}, new long[] {6, 0, 6, 0});
    // one open model, fan-out 3 trims/model, 1 drive, 1 vehicle, 1 session, 2 pages each
    assertThat(EtaEstimator.remainingRequests(counts, 0).getAsDouble())
        .isCloseTo(1 + 3 + 3 + 3 + 3 + 6, within(1e-9));
  }

  @Test
  @DisplayName("no estimate while a level has open parents but none resolved")
  void noFanOutYet() {
    var counts = levels(new long[] {2, 0, 0, 0});
    assertThat(EtaEstimator.remainingRequests(counts, 2)).isEmpty();
  }

  @Test
  @DisplayName("the rate is measured over the window and the ETA is what is left over the rate")
  void rateAndEta() {
    EtaEstimator eta = new EtaEstimator(1, Duration.ofSeconds(10));
    // one unit, 1 model -> 2 trims -> 2 drives -> 2 vehicles -> 2 sessions -> 10 pages; 20 fetched at 10 s
    var at10 = levels(new long[] {1, 0, 1, 0}, new long[] {2, 0, 2, 0}, new long[] {2, 0, 2, 0},
        new long[] {2, 0, 2, 0}, new long[] {2, 0, 2, 0}, new long[] {10, 0, 1, 0});
    assertThat(EtaEstimator.fetched(at10)).isEqualTo(10);
    ProgressSnapshot s = eta.snapshot(at10, Duration.ofSeconds(10), false);
    assertThat(s.requestsPerSecond()).isCloseTo(1.0, within(1e-9));
    assertThat(s.eta()).contains(Duration.ofSeconds(9)); // 9 pages left at 1/s
    // 10 s later 8 more pages: rate over the last 10 s is 0.8/s; 1 page left
    var at20 = levels(new long[] {1, 0, 1, 0}, new long[] {2, 0, 2, 0}, new long[] {2, 0, 2, 0},
        new long[] {2, 0, 2, 0}, new long[] {2, 0, 2, 0}, new long[] {10, 0, 9, 0});
    s = eta.snapshot(at20, Duration.ofSeconds(20), false);
    assertThat(s.requestsPerSecond()).isCloseTo(0.8, within(1e-9));
    assertThat(s.eta()).contains(Duration.ofMillis(1250));
    s = eta.snapshot(at20, Duration.ofSeconds(21), true);
    assertThat(s.finished()).isTrue();
    assertThat(s.eta()).contains(Duration.ZERO);
  }

  @Test
  @DisplayName("nothing fetched yet: no rate, no ETA")
  void nothingYet() {
    EtaEstimator eta = new EtaEstimator(3, Duration.ofSeconds(10));
    ProgressSnapshot s = eta.snapshot(levels(new long[] {3, 0, 0, 0}), Duration.ofSeconds(1), false);
    assertThat(s.requestsPerSecond()).isZero();
    assertThat(s.eta()).isEmpty();
  }
}
