package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteStatsTest {
  @Test
  @DisplayName("requests per kind, statuses, duplicates, per-second counts and reset")
  void counters() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SimulatedCatalog catalog = SimulatedCatalog.small(4);
    try (SimulatedCwoSite site =
        SimulatedCwoSite.builder().catalog(catalog).clock(clock).build().start()) {
      SiteClient c = new SiteClient(site);
      Vehicle v = catalog.groundTruth().vehicles().values().stream().filter(Vehicle::hasData)
          .findFirst().orElseThrow();
      FitmentOption o = catalog.groundTruth().options(v.key()).get(0);
      c.api("/");
      c.api("/");
      c.api("/2026");
      c.api("/1999");
      clock.advance(Duration.ofSeconds(1));
      String s1 = c.setVehicle(v);
      String s2 = c.setVehicle(v);
      c.options(v.vehicleType(), "getSuspension", s1);
      c.fitmentPage(v, o, s1);
      c.fitmentPage(v, o, s2);
      c.fitmentPage(v, o, null); // generic page: not data, not a duplicate
      c.store("/elsewhere", null);

      SiteStats st = site.stats();
      assertThat(st.requests(EndpointKind.YEARS)).isEqualTo(2);
      assertThat(st.requests(EndpointKind.MAKES)).isEqualTo(2);
      assertThat(st.requests(EndpointKind.SET_VEHICLE)).isEqualTo(2);
      assertThat(st.requests(EndpointKind.OPTIONS)).isEqualTo(1);
      assertThat(st.requests(EndpointKind.FITMENT_PAGE)).isEqualTo(3);
      assertThat(st.requests(EndpointKind.UNKNOWN)).isEqualTo(1);
      assertThat(st.totalRequests()).isEqualTo(11);
      assertThat(st.responses(200)).isEqualTo(9);
      assertThat(st.responses(404)).isEqualTo(2);
      assertThat(st.duplicateFetches(EndpointKind.YEARS)).isEqualTo(1);
      assertThat(st.duplicateFetches(EndpointKind.MAKES)).isZero();
      assertThat(st.duplicateFetches(EndpointKind.SET_VEHICLE)).isZero();
      assertThat(st.duplicateFetches(EndpointKind.FITMENT_PAGE)).isEqualTo(1);
      assertThat(st.duplicateFetches()).isEqualTo(2);
      long second = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
      assertThat(st.requestsPerSecond()).containsEntry(second, 4L).containsEntry(second + 1, 7L);
      assertThat(st.maxRequestsInAnySecond()).isEqualTo(7);
      assertThat(st.peakInFlight()).isGreaterThanOrEqualTo(1);
      // The server counts a request out after its last byte is written, which can be a moment after
      // the client has read the response: wait (bounded) for the count to settle.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      while (st.inFlight() != 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(st.inFlight()).isZero();

      st.reset();
      assertThat(st.totalRequests()).isZero();
      assertThat(st.requestsPerSecond()).isEmpty();
      c.api("/");
      assertThat(st.duplicateFetches()).as("reset forgets what was fetched").isZero();
    }
  }
}
