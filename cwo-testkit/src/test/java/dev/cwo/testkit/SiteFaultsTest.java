package dev.cwo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteFaultsTest {
  private static final SimulatedCatalog CATALOG = SimulatedCatalog.small(9);
  private static final int N = 400;

  private static SimulatedCwoSite site(SiteFaults faults) {
    return SimulatedCwoSite.builder().catalog(CATALOG).faults(faults).seed(77).build().start();
  }

  /** Sends N years requests; returns the responses (null for an I/O failure). */
  private static List<HttpResponse<String>> hammer(SimulatedCwoSite site, URI uri) {
    SiteClient c = new SiteClient(site);
    List<HttpResponse<String>> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      try {
        out.add(c.send(uri, null));
      } catch (IOException e) {
        out.add(null);
      }
    }
    return out;
  }

  private static URI years(SimulatedCwoSite site) {
    return URI.create(site.apiBase() + "/");
  }

  @Test
  @DisplayName("no faults configured: every answer is a complete 200 and no fault is counted")
  void noFaults() {
    try (SimulatedCwoSite site = site(SiteFaults.none())) {
      List<HttpResponse<String>> rs = hammer(site, years(site));
      assertThat(rs).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
      assertThat(site.stats().faultsByKind().values()).allMatch(n -> n == 0);
    }
  }

  @Test
  @DisplayName("5xx rate fires at about its rate with error bodies")
  void serverErrors() {
    try (SimulatedCwoSite site = site(SiteFaults.builder().serverErrorRate(0.2).build())) {
      long errors = hammer(site, years(site)).stream().filter(r -> r.statusCode() >= 500).count();
      assertThat(errors).isBetween(40L, 130L);
      assertThat(site.stats().faults(FaultKind.SERVER_ERROR)).isEqualTo(errors);
    }
  }

  @Test
  @DisplayName("403 rate fires at about its rate with {\"message\":\"Forbidden\"}")
  void forbidden() {
    try (SimulatedCwoSite site = site(SiteFaults.builder().forbiddenRate(0.25).build())) {
      List<HttpResponse<String>> rs = hammer(site, years(site));
      List<HttpResponse<String>> f = rs.stream().filter(r -> r.statusCode() == 403).toList();
      assertThat((long) f.size()).isBetween(60L, 150L);
      assertThat(f).allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"message\":\"Forbidden\"}"));
    }
  }

  @Test
  @DisplayName("transient Human Verification pages fire at about their rate, statuses 200/202/405")
  void humanVerification() {
    try (SimulatedCwoSite site = site(SiteFaults.builder().humanVerificationRate(0.25).build())) {
      List<HttpResponse<String>> walls = hammer(site, years(site)).stream()
          .filter(r -> r.body().contains("<title>Human Verification</title>")).toList();
      assertThat((long) walls.size()).isBetween(60L, 150L);
      assertThat(walls).allSatisfy(r -> {
        assertThat(r.statusCode()).isIn(200, 202, 405);
        assertThat(r.body()).contains("window.gokuProps").contains("awswaf.com");
      });
      assertThat(walls).anySatisfy(r -> assertThat(r.headers().firstValue("x-amzn-waf-action"))
          .hasValue("captcha"));
      assertThat(walls.stream().map(HttpResponse::statusCode).distinct().count()).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("connection resets close without an answer at about their rate")
  void resets() {
    try (SimulatedCwoSite site = site(SiteFaults.builder().connectionResetRate(0.2).build())) {
      long failed = hammer(site, years(site)).stream().filter(r -> r == null).count();
      assertThat(failed).isGreaterThan(0);
      double share = (double) site.stats().faults(FaultKind.CONNECTION_RESET)
          / site.stats().totalRequests();
      assertThat(share).isBetween(0.1, 0.3);
    }
  }

  @Test
  @DisplayName("truncated bodies: a cut connection fails the read, a short body is half the JSON")
  void truncation() {
    SiteFaults cut = SiteFaults.builder().truncatedBodyRate(0.3)
        .truncation(SiteFaults.Truncation.CUT_CONNECTION).build();
    try (SimulatedCwoSite site = site(cut)) {
      long failed = hammer(site, years(site)).stream().filter(r -> r == null).count();
      assertThat(failed).isBetween(60L, 180L);
      assertThat(site.stats().faults(FaultKind.TRUNCATED_BODY)).isEqualTo(failed);
    }
    SiteFaults shortBody = SiteFaults.builder().truncatedBodyRate(0.3)
        .truncation(SiteFaults.Truncation.SHORT_BODY).build();
    try (SimulatedCwoSite site = site(shortBody)) {
      String full = site.catalog().yearsJson();
      List<HttpResponse<String>> rs = hammer(site, years(site));
      long shortOnes = rs.stream().filter(r -> !r.body().equals(full)).count();
      assertThat(shortOnes).isBetween(60L, 180L);
      assertThat(rs).allSatisfy(r -> assertThat(full).startsWith(r.body()));
      assertThat(site.stats().successes(EndpointKind.YEARS)).isEqualTo(N - shortOnes);
    }
  }

  @Test
  @DisplayName("the persistent wall hits only its host and can be switched on and off mid-run")
  void persistentWall() {
    try (SimulatedCwoSite site = site(SiteFaults.none())) {
      SiteClient c = new SiteClient(site);
      site.setFaults(SiteFaults.builder().wall(SiteHost.STORE, true).build());
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = c.store("/store/wheels", null);
        assertThat(r.body()).contains("<title>Human Verification</title>");
        assertThat(r.statusCode()).isIn(200, 202, 405);
      }
      assertThat(c.api("/").statusCode()).isEqualTo(200);
      site.setFaults(site.faults().toBuilder().wall(SiteHost.STORE, false).build());
      assertThat(c.store("/store/wheels", null).body()).doesNotContain("Human Verification");
      assertThat(site.stats().faults(FaultKind.PERSISTENT_WALL)).isEqualTo(20);
    }
  }

  @Test
  @DisplayName("the rate limit answers 429 with Retry-After past n requests in one second, per host")
  void rateLimit() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(CATALOG).clock(clock)
        .faults(SiteFaults.builder().rateLimit(5).build()).build().start()) {
      SiteClient c = new SiteClient(site);
      for (int i = 0; i < 5; i++) {
        assertThat(c.api("/").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = c.api("/");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(limited.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
      assertThat(c.store("/store/wheels", null).statusCode()).as("other host").isEqualTo(200);
      clock.advance(Duration.ofMillis(1000));
      assertThat(c.api("/").statusCode()).isEqualTo(200);
      assertThat(site.stats().faults(FaultKind.RATE_LIMITED)).isEqualTo(1);
      assertThat(site.stats().responses(429)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("latency delays answers without starving a 64-client crowd")
  void latency() {
    SiteFaults slow = SiteFaults.builder()
        .latency(Duration.ofMillis(150), Duration.ofMillis(50)).build();
    try (SimulatedCwoSite site = site(slow)) {
      SiteClient c = new SiteClient(site);
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        all.add(c.http.sendAsync(java.net.http.HttpRequest.newBuilder(years(site)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      all.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("64 parallel requests of ~150 ms").isBetween(100L, 3000L);
      assertThat(site.stats().faults(FaultKind.LATENCY)).isEqualTo(64);
      assertThat(site.stats().peakInFlight()).isGreaterThan(16);
    }
  }

  @Test
  @DisplayName("the same seed and request order give the same faults")
  void deterministic() {
    SiteFaults f = SiteFaults.builder().serverErrorRate(0.3).forbiddenRate(0.2).build();
    List<Integer> a;
    List<Integer> b;
    try (SimulatedCwoSite site = site(f)) {
      a = hammer(site, years(site)).stream().map(HttpResponse::statusCode).toList();
    }
    try (SimulatedCwoSite site = site(f)) {
      b = hammer(site, years(site)).stream().map(HttpResponse::statusCode).toList();
    }
    assertThat(a).isEqualTo(b);
  }

  @Test
  @DisplayName("build() names every bad knob at once")
  void validation() {
    assertThatThrownBy(() -> SiteFaults.builder().serverErrorRate(1.5).forbiddenRate(-0.1)
        .rateLimit(-1).latency(Duration.ofMillis(-1), Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).hasSize(4))
        .hasMessageContaining("serverErrorRate").hasMessageContaining("forbiddenRate")
        .hasMessageContaining("rateLimit").hasMessageContaining("latency mean");
    assertThatThrownBy(() -> SiteFaults.builder().serverErrorRate(0.6).forbiddenRate(0.6).build())
        .hasMessageContaining("sum to at most 1");
    assertThatThrownBy(() -> SimulatedCwoSite.builder().threads(0).sessionMaxUses(-1).build())
        .hasMessageContaining("threads").hasMessageContaining("sessionMaxUses");
  }
}
