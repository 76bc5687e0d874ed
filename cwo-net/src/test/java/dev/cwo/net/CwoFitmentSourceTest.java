package dev.cwo.net;

import static dev.cwo.net.StubServer.html;
import static dev.cwo.net.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.cwo.BlockedException;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.MalformedResponseException;
import dev.cwo.PermanentFetchException;
import dev.cwo.SessionExpiredException;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.net.internal.FitmentPageParserTestFixtures;
import dev.cwo.spi.FitmentSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CwoFitmentSourceTest {
  private static final String API = "/fitment/vehicle/co";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final VehicleKey ADX = new VehicleKey(2025, "Acura", "ADX", "Base", "AWD");
  private static final String ADX_RECORD =
      "{\"drchassisid\":\"94462\",\"year\":\"2025\",\"make\":\"Acura\",\"model\":\"ADX\","
          + "\"trim\":\"Base\",\"drive\":\"AWD\",\"vehicleType\":[\"Truck\"],"
          + "\"bodyType\":\"Sport Utility\",\"boltpattern\":\"5x4.5\",\"boltpatternMm\":\"5x114.3\","
          + "\"boltpatternInches\":\"\",\"hub\":\"64.10\",\"lugType\":\"nut\",\"lugSize\":\"12x1.5\","
          + "\"stockTireSize\":\"225/55R18\",\"staggered\":\"No\",\"wheelDiameterMinList\":[18],"
          + "\"engine\":[\"1.5L L4 GAS\"],\"somethingNew\":\"kept\"}";

  private final StubServer api = StubServer.start();
  private final StubServer store = StubServer.start();
  private final HttpClient5FetchClient http =
      HttpClient5FetchClient.builder().responseTimeout(Duration.ofSeconds(5)).build();
  private final CwoFitmentSource source = source(4);

  private CwoFitmentSource source(int maxAttempts) {
    return CwoFitmentSource.builder()
        .apiBase(api.uri(API))
        .storeBase(store.base())
        .fetchClient(http)
        .maxAttempts(maxAttempts)
        .retryDelays(Duration.ofMillis(1), Duration.ofMillis(5))
        .jitter(0)
        .wallThreshold(3)
        .maxSessionRenewals(2)
        .build();
  }

  @AfterEach
  void tearDown() {
    http.close();
    api.close();
    store.close();
  }

  // ---------------------------------------------------------------- the tree

  @Test
  @DisplayName("years: strings parsed to ints, repeats dropped, order kept")
  void years() {
    api.on(API + "/", json(200, "[\"2026\",\"2024\",\"2025\",\"2024\"]"));
    assertThat(source.years()).containsExactly(2026, 2024, 2025);
  }

  @Test
  @DisplayName("a non-numeric year is a malformed answer naming URL, expectation and excerpt")
  void badYear() {
    api.on(API + "/", json(200, "[\"2026\",\"next\"]"));
    assertThatThrownBy(source::years)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining(api.uri(API + "/").toString())
        .hasMessageContaining("years")
        .hasMessageContaining("\"next\"");
  }

  @Test
  @DisplayName("makes: de-duplicated in order; an empty level is an empty list")
  void makes() {
    api.on(API + "/2025", json(200, "[\"Acura\",\"Alfa Romeo\",\"Acura\",\"BMW\"]"));
    api.on(API + "/1950", json(200, "[]"));
    assertThat(source.makes(2025)).containsExactly("Acura", "Alfa Romeo", "BMW");
    assertThat(source.makes(1950)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Alfa Romeo", "F-150+", "1/2 Ton", "100%", "C#1", "Why?", "24\" Edition", "O'Brien", "A&B",
      "Citroën", "Škoda 日本", "a+b c", "..", "Mercedes-Benz (W123)"})
  @DisplayName("a name survives the round trip: encode, server decodes (+ as space), same name")
  void encodingRoundTrip(String name) {
    api.otherwise(exchange -> {
      String raw = exchange.getRequestURI().getRawPath();
      List<String> segments = new ArrayList<>();
      for (String seg : raw.substring(API.length() + 1).split("/", -1)) {
        segments.add(URLDecoder.decode(seg, StandardCharsets.UTF_8)); // decodes a raw + as space
      }
      json(200, MAPPER.writeValueAsString(List.of(segments.get(1)))).handle(exchange);
    });
    assertThat(source.models(2025, name)).containsExactly(name);
  }

  @Test
  @DisplayName("trims: the model info's trim as a list (repeats dropped), a bare string, or []")
  void trimsScalarOrList() {
    api.on(API + "/2025/Acura/ADX",
        json(200, "{\"vehicleType\":[\"Car\"],\"drive\":[\"AWD\",\"FWD\"],"
            + "\"trim\":[\"Base\",\"A-Spec\",\"Base\"]}"));
    api.on(API + "/2025/Acura/Integra",
        json(200, "{\"vehicleType\":\"Car\",\"drive\":\"FWD\",\"trim\":\"Type S\"}"));
    api.on(API + "/2025/Acura/MDX", json(200, "{\"vehicleType\":\"Car\",\"trim\":[]}"));
    assertThat(source.trims(2025, "Acura", "ADX")).containsExactly("Base", "A-Spec");
    assertThat(source.trims(2025, "Acura", "Integra")).containsExactly("Type S");
    assertThat(source.trims(2025, "Acura", "MDX")).isEmpty();
  }

  @Test
  @DisplayName("drives come from the offsetguide path, each name its own segment")
  void drives() {
    api.on(API + "/offsetguide/2025/Acura/ADX/trim/A%2FSpec%20Plus/drives",
        json(200, "[\"AWD\",\"FWD\",\"AWD\"]"));
    assertThat(source.drives(2025, "Acura", "ADX", "A/Spec Plus")).containsExactly("AWD", "FWD");
  }

  @Test
  @DisplayName("the vehicle record maps as the protocol's table says; rawJson is the trimmed body")
  void vehicle() {
    api.on(API + "/2025/Acura/ADX/Base/AWD", json(200, "\n  " + ADX_RECORD + "  \n"));
    Vehicle v = source.vehicle(ADX);
    assertThat(v.key()).isEqualTo(ADX);
    assertThat(v.status()).isEqualTo(VehicleStatus.OK);
    assertThat(v.chassisId()).isEqualTo("94462");
    assertThat(v.vehicleType()).isEqualTo("Truck");
    assertThat(v.bodyType()).isEqualTo("Sport Utility");
    assertThat(v.boltPatternInch()).isEqualTo("5x4.5"); // boltpatternInches is "": boltpattern
    assertThat(v.boltPatternMm()).isEqualTo("5x114.3");
    assertThat(v.hubBoreMm()).isEqualTo("64.10");
    assertThat(v.lugType()).isEqualTo("nut");
    assertThat(v.lugSize()).isEqualTo("12x1.5");
    assertThat(v.stockTireSize()).isEqualTo("225/55R18");
    assertThat(v.staggered()).isFalse();
    assertThat(v.rawJson()).isEqualTo(ADX_RECORD);
  }

  @Test
  @DisplayName("a record without chassis, type and bolt pattern is a no-data vehicle, not an error")
  void noData() {
    String body = "{\"year\":\"2025\",\"make\":\"Acura\",\"model\":\"ADX\",\"trim\":\"Base\","
        + "\"drive\":\"FWD\",\"vehicleType\":\"\",\"engine\":[]}";
    VehicleKey key = new VehicleKey(2025, "Acura", "ADX", "Base", "FWD");
    api.on(API + "/2025/Acura/ADX/Base/FWD", json(200, body));
    Vehicle v = source.vehicle(key);
    assertThat(v.status()).isEqualTo(VehicleStatus.NO_DATA);
    assertThat(v.hasData()).isFalse();
    assertThat(v.rawJson()).isEqualTo(body);
    assertThatThrownBy(() -> source.openSession(v)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- failures and retries

  @Test
  @DisplayName("404 is permanent and not retried")
  void notFound() {
    assertThatThrownBy(() -> source.makes(1800))
        .isInstanceOf(PermanentFetchException.class)
        .hasMessageContaining("404");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  @DisplayName("other 4xx are permanent and not retried")
  void otherClientError() {
    api.on(API + "/2025", json(410, "{\"message\":\"Gone\"}"));
    assertThatThrownBy(() -> source.makes(2025)).isInstanceOf(PermanentFetchException.class);
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  @DisplayName("5xx, 429, 403 and truncated JSON are retried, then the answer is used")
  void retryThenSuccess() {
    api.on(API + "/2025",
        html(500, "<html><body>Internal Server Error</body></html>"),
        json(429, "{\"message\":\"Too Many Requests\"}", "Retry-After", "0"),
        json(403, "{\"message\":\"Forbidden\"}"),
        json(200, "[\"Acura\",\"Alf"),
        json(200, "[\"Acura\"]"));
    CwoFitmentSource patient = source(6);
    assertThat(patient.makes(2025)).containsExactly("Acura");
    assertThat(api.requests()).hasSize(5);
  }

  @Test
  @DisplayName("when attempts run out, the last failure comes back: a truncated body is malformed")
  void retriesRunOut() {
    api.on(API + "/2025", json(200, "[\"Acura\",\"Alf"));
    assertThatThrownBy(() -> source.makes(2025))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining(api.uri(API + "/2025").toString())
        .hasMessageContaining("[\"Acura\",\"Alf");
    assertThat(api.requests()).hasSize(4);
  }

  @Test
  @DisplayName("Retry-After is the wait before the next attempt, not the short backoff")
  void retryAfterHonoured() {
    api.on(API + "/2025",
        json(429, "{\"message\":\"Too Many Requests\"}", "Retry-After", "1"),
        json(200, "[\"Acura\"]"));
    long start = System.nanoTime();
    assertThat(source.makes(2025)).containsExactly("Acura");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(950)); // the backoff alone would be 1 ms
  }

  @Test
  @DisplayName("each attempt is timed under site.<kind> and counted by status class and bytes; retries counted")
  void metrics() {
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    dev.cwo.spi.MetricTracker recording = new dev.cwo.spi.MetricTracker() {
      @Override
      public Scope start(String operation) {
        return new Scope() {
          private String outcome = "ok";

          @Override
          public void failed(Throwable error) {
            outcome = "failed";
          }

          @Override
          public void close() {
            seen.add(operation + ":" + outcome);
          }
        };
      }

      @Override
      public void count(String counter, long delta) {
        seen.add(counter + "+" + delta);
      }

      @Override
      public void gauge(String name, java.util.function.LongSupplier value) {}
    };
    api.on(API + "/2025", json(500, "{}"), json(200, "[\"Acura\"]"));
    CwoFitmentSource tracked = CwoFitmentSource.builder()
        .apiBase(api.uri(API)).storeBase(store.base()).fetchClient(http)
        .retryDelays(Duration.ofMillis(1), Duration.ofMillis(1)).metricTracker(recording).build();
    tracked.makes(2025);
    assertThat(seen).containsExactly(
        "site.makes.status.5xx+1", "site.makes.bytes+2", "site.makes:failed",
        "site.retries+1", "site.makes.retries+1",
        "site.makes.status.2xx+1", "site.makes.bytes+9", "site.makes:ok");
  }

  @Test
  @DisplayName("503 with an HTTP-date Retry-After in the past is retried at once")
  void retryAfterDate() {
    api.on(API + "/2025",
        json(503, "{}", "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
        json(200, "[\"Acura\"]"));
    assertThat(source.makes(2025)).containsExactly("Acura");
  }

  @Test
  @DisplayName("the wall: transient, then blocked after 3 in a row; then fail fast, other host unharmed")
  void wallBlocksHost() {
    String wall = FitmentPageParserTestFixtures.page("wall.html");
    store.otherwise(html(405, wall, "x-amzn-waf-action", "captcha"));
    api.on(API + "/2025/Acura/ADX/Base/AWD", json(200, ADX_RECORD));
    api.on(API + "/2025", json(200, "[\"Acura\"]"));
    Vehicle v = source.vehicle(ADX);

    assertThatThrownBy(() -> source(10).openSession(v)).isInstanceOf(BlockedException.class);
    assertThat(store.requests()).hasSize(3);
    // a new source has its own memory; this one stays blocked without sending anything
    CwoFitmentSource blockedSource = source;
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> blockedSource.openSession(v))
          .isInstanceOfSatisfying(BlockedException.class,
              e -> assertThat(e.host()).isEqualTo("127.0.0.1:" + store.port()));
    }
    assertThat(store.requests()).hasSize(6); // 3 for the first source, 3 for this one, then none
    assertThat(source.makes(2025)).containsExactly("Acura");
  }

  @Test
  @DisplayName("a title-only wall (status 200) blocks too, and the block is remembered")
  void wallByTitle() {
    store.otherwise(html(200, FitmentPageParserTestFixtures.page("wall.html")));
    api.on(API + "/2025/Acura/ADX/Base/AWD", json(200, ADX_RECORD));
    Vehicle v = source.vehicle(ADX);
    assertThatThrownBy(() -> source.openSession(v)).isInstanceOf(BlockedException.class);
    int sent = store.requests().size();
    assertThatThrownBy(() -> source.openSession(v)).isInstanceOf(BlockedException.class);
    assertThat(store.requests()).hasSize(sent);
  }

  @Test
  @DisplayName("a wall that clears before the bound is just a retry; success resets the streak")
  void wallClears() {
    String wall = FitmentPageParserTestFixtures.page("wall.html");
    api.on(API + "/2025", html(202, wall), html(200, wall), json(200, "[\"Acura\"]"));
    assertThat(source.makes(2025)).containsExactly("Acura");
    api.on(API + "/2026", html(202, wall), html(200, wall), json(200, "[\"BMW\"]"));
    assertThat(source.makes(2026)).containsExactly("BMW");
  }

  // ---------------------------------------------------------------- sessions and fitment pages

  /** The store host: hands out PHPSESSID=s1, s2, ... and answers option lists per flag. */
  private final class Store {
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger optionRequests = new AtomicInteger();
    volatile String page = FitmentPageParserTestFixtures.page("square.html");
    volatile int validFromSession = 1;

    Store() {
      store.on("/api/ymm-temp.php", this::ymm);
      store.on("/store/wheels", this::fitmentPage);
    }

    private void ymm(HttpExchange exchange) throws IOException {
      Map<String, String> q = query(exchange);
      if (q.containsKey("getSuspension")) {
        optionRequests.incrementAndGet();
        json(200, "[\"Stock\",\"Leveling Kit\",\"Stock\"]").handle(exchange);
      } else if (q.containsKey("getTrimming")) {
        optionRequests.incrementAndGet();
        json(200, "[\"Minor Plastic Trimming\"]").handle(exchange);
      } else if (q.containsKey("getRubbing")) {
        optionRequests.incrementAndGet();
        json(200, "[\"No rubbing or scrubbing\",\"Rubs\",\"Rubs\"]").handle(exchange);
      } else {
        int n = sessions.incrementAndGet();
        json(200, "{\"status\":\"ok\"}",
            "Set-Cookie", "PHPSESSID=s" + n + "; Path=/; HttpOnly").handle(exchange);
      }
    }

    private void fitmentPage(HttpExchange exchange) throws IOException {
      String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
      int session = cookie.contains("PHPSESSID=s")
          ? Integer.parseInt(cookie.replaceAll(".*PHPSESSID=s(\\d+).*", "$1")) : 0;
      String body = session >= validFromSession
          ? page : FitmentPageParserTestFixtures.page("generic.html");
      html(200, body).handle(exchange);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return q;
  }

  private Vehicle adx() {
    api.on(API + "/2025/Acura/ADX/Base/AWD", json(200, ADX_RECORD));
    return source.vehicle(ADX);
  }

  @Test
  @DisplayName("openSession sets the vehicle, then options are the product of the lists, distinct")
  void openSession() {
    Store site = new Store();
    try (FitmentSession s = source.openSession(adx())) {
      assertThat(s.vehicle().key()).isEqualTo(ADX);
      assertThat(s.options()).containsExactly(
          new FitmentOption("Stock", "Minor Plastic Trimming", "No rubbing or scrubbing"),
          new FitmentOption("Stock", "Minor Plastic Trimming", "Rubs"),
          new FitmentOption("Leveling Kit", "Minor Plastic Trimming", "No rubbing or scrubbing"),
          new FitmentOption("Leveling Kit", "Minor Plastic Trimming", "Rubs"));
    }
    StubServer.Seen set = store.requests("/api/ymm-temp.php").get(0);
    assertThat(set.rawQuery()).isEqualTo(
        "store=wheels&type=set&vehicle_type=Truck&year=2025&make=Acura&model=ADX&trim=Base"
            + "&drive=AWD&chassis=94462");
    StubServer.Seen options = store.requests("/api/ymm-temp.php").get(1);
    assertThat(options.rawQuery())
        .isEqualTo("type=set&vehicle_type=Truck&store=wheels&getSuspension=true");
    assertThat(options.header("Cookie")).contains("PHPSESSID=s1");
    assertThat(site.sessions.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("option lists are fetched once per vehicle type, even by many threads at once")
  void optionListsCachedPerType() throws Exception {
    Store site = new Store();
    Vehicle v = adx();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          try (FitmentSession s = source.openSession(v)) {
            return s.options().size();
          }
        }));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        assertThat(f.get()).isEqualTo(4);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(site.optionRequests.get()).isEqualTo(3);
    assertThat(site.sessions.get()).isEqualTo(threads);
  }

  @Test
  @DisplayName("fitment: the page for the option, asked with the vehicle's session cookie")
  void fitment() {
    Store site = new Store();
    site.page = FitmentPageParserTestFixtures.page("split-modern.html");
    FitmentOption option = new FitmentOption("Suspension Lift 2.5\"", "Minor Plastic Trimming",
        "Slight rub at full turn");
    try (FitmentSession s = source.openSession(adx())) {
      Fitment f = s.fitment(option);
      assertThat(f.key().option()).isEqualTo(option);
      assertThat(f.staggered()).isTrue();
      assertThat(f.boltPatternMm()).isEqualTo("5x120");
    }
    StubServer.Seen page = store.requests("/store/wheels").get(0);
    assertThat(page.header("Cookie")).contains("PHPSESSID=s1");
    assertThat(page.rawQuery()).isEqualTo(
        "sort=instock&saleToggle=0&qdToggle=0&year=2025&make=Acura&model=ADX&trim=Base&drive=AWD"
            + "&DRChassisID=94462&vehicle_type=Truck&suspension=Suspension+Lift+2.5%22"
            + "&modification=Minor+Plastic+Trimming&rubbing=Slight+rub+at+full+turn");
  }

  @Test
  @DisplayName("an expired session is renewed and the page asked again")
  void sessionExpiryRenews() {
    Store site = new Store();
    site.validFromSession = 2; // the first session's pages are generic
    try (FitmentSession s = source.openSession(adx())) {
      Fitment f = s.fitment(s.options().get(0));
      assertThat(f.staggered()).isFalse();
      assertThat(f.front().diameter().text()).isEqualTo("19\" to 22\"");
    }
    assertThat(site.sessions.get()).isEqualTo(2);
    List<StubServer.Seen> pages = store.requests("/store/wheels");
    assertThat(pages).hasSize(2);
    assertThat(pages.get(1).header("Cookie")).contains("PHPSESSID=s2").doesNotContain("s1");
  }

  @Test
  @DisplayName("concurrent callers that all see the expiry renew the session once")
  void concurrentRenewalOnce() throws Exception {
    Store site = new Store();
    site.validFromSession = 2;
    try (FitmentSession s = source.openSession(adx())) {
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<Fitment>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          FitmentOption o = s.options().get(i % s.options().size());
          futures.add(pool.submit(() -> {
            start.await();
            return s.fitment(o);
          }));
        }
        start.countDown();
        for (Future<Fitment> f : futures) {
          assertThat(f.get().front().offset().min()).isEqualByComparingTo("-12");
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(site.sessions.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("a session that never holds the vehicle fails after the renewal bound")
  void sessionExpiryGivesUp() {
    Store site = new Store();
    site.validFromSession = Integer.MAX_VALUE;
    try (FitmentSession s = source.openSession(adx())) {
      assertThatThrownBy(() -> s.fitment(s.options().get(0)))
          .isInstanceOf(SessionExpiredException.class)
          .hasMessageContaining("2 session renewals");
    }
    assertThat(site.sessions.get()).isEqualTo(3); // the first + 2 renewals
    assertThat(store.requests("/store/wheels")).hasSize(3);
  }

  @Test
  @DisplayName("build() names every bad setting")
  void badSettings() {
    assertThatThrownBy(() -> CwoFitmentSource.builder()
            .apiBase(URI.create("ftp://example.com/x"))
            .maxAttempts(0)
            .retryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1))
            .jitter(1.5)
            .wallThreshold(0)
            .maxSessionRenewals(-1)
            .build())
        .isInstanceOfSatisfying(InvalidConfigurationException.class,
            e -> assertThat(String.join("\n", e.problems()))
                .contains("fetchClient").contains("apiBase").contains("maxAttempts")
                .contains("retryDelays").contains("jitter").contains("wallThreshold")
                .contains("maxSessionRenewals"));
  }

  @Nested
  class Defaults {
    @Test
    @DisplayName("the default bases are the real hosts")
    void defaults() {
      assertThat(CwoFitmentSource.DEFAULT_API_BASE.toString())
          .isEqualTo("https://www.enthusiastenterprises.us/fitment/vehicle/co");
      assertThat(CwoFitmentSource.DEFAULT_STORE_BASE.getHost())
          .isEqualTo("www.customwheeloffset.com");
    }
  }
}
