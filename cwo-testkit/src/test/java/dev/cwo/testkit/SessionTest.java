package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionTest {
  private static final SimulatedCatalog CATALOG = SimulatedCatalog.small(5);

  private static List<Vehicle> withData() {
    return CATALOG.groundTruth().vehicles().values().stream().filter(Vehicle::hasData).toList();
  }

  private static boolean shows(SiteClient c, Vehicle v, String session) {
    FitmentOption o = CATALOG.groundTruth().options(v.key()).get(0);
    String html = c.fitmentPage(v, o, session).body();
    assertThat(html).contains("<html");
    return !CrudeSite.generic(html);
  }

  @Test
  @DisplayName("a page needs a session bound to that very vehicle")
  void binding() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(CATALOG).build().start()) {
      SiteClient c = new SiteClient(site);
      Vehicle a = withData().get(0);
      Vehicle b = withData().get(1);
      String sa = c.setVehicle(a);
      assertThat(shows(c, a, sa)).isTrue();
      assertThat(shows(c, a, null)).as("no cookie").isFalse();
      assertThat(shows(c, a, "0123456789abcdef")).as("unknown session").isFalse();
      assertThat(shows(c, b, sa)).as("session of another vehicle").isFalse();
      String sb = c.setVehicle(b);
      assertThat(shows(c, b, sb)).isTrue();
      assertThat(shows(c, a, sa)).as("sessions are independent").isTrue();
    }
  }

  @Test
  @DisplayName("set-vehicle with a wrong chassis still sets a cookie but binds no vehicle")
  void wrongChassis() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(CATALOG).build().start()) {
      SiteClient c = new SiteClient(site);
      Vehicle v = withData().get(2);
      Vehicle wrong = new Vehicle(v.key(), v.status(), "1", v.vehicleType(), null, null, null, null,
          null, null, null, null, v.rawJson());
      String s = c.setVehicle(wrong);
      assertThat(shows(c, v, s)).isFalse();
    }
  }

  @Test
  @DisplayName("a session expires after the configured number of fitment pages")
  void maxUses() {
    try (SimulatedCwoSite site =
        SimulatedCwoSite.builder().catalog(CATALOG).sessionMaxUses(3).build().start()) {
      SiteClient c = new SiteClient(site);
      Vehicle v = withData().get(0);
      String s = c.setVehicle(v);
      assertThat(shows(c, v, s)).isTrue();
      assertThat(shows(c, v, s)).isTrue();
      assertThat(shows(c, v, s)).isTrue();
      assertThat(shows(c, v, s)).isFalse();
      assertThat(shows(c, v, c.setVehicle(v))).as("a new session works again").isTrue();
    }
  }

  @Test
  @DisplayName("a session expires after its time-to-live on the injected clock")
  void timeToLive() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(CATALOG).clock(clock)
        .sessionTimeToLive(Duration.ofMinutes(10)).build().start()) {
      SiteClient c = new SiteClient(site);
      Vehicle v = withData().get(0);
      String s = c.setVehicle(v);
      clock.advance(Duration.ofMinutes(9));
      assertThat(shows(c, v, s)).isTrue();
      clock.advance(Duration.ofMinutes(1));
      assertThat(shows(c, v, s)).isFalse();
    }
  }
}
