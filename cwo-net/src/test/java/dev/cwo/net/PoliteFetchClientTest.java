package dev.cwo.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.InvalidConfigurationException;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.MetricTracker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link PoliteFetchClient} on a fake nanosecond clock (and real threads for the bulkhead). */
class PoliteFetchClientTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  /** Fake time: sleeping advances it. */
  private final AtomicLong now = new AtomicLong(1_000 * S);

  /** A delegate that answers by a function, records send times and can take "latency". */
  private final class Scripted implements FetchClient {
    final List<long[]> sends = Collections.synchronizedList(new ArrayList<>());
    final List<URI> uris = Collections.synchronizedList(new ArrayList<>());
    volatile Function<FetchRequest, FetchResponse> answer = r -> ok(r.uri());
    volatile long latencyNanos;

    @Override
    public FetchSession newSession() {
      return () -> {};
    }

    @Override
    public FetchResponse fetch(FetchRequest request) {
      sends.add(new long[] {now.get()});
      uris.add(request.uri());
      now.addAndGet(latencyNanos);
      return answer.apply(request);
    }

    long sendTime(int i) {
      return sends.get(i)[0];
    }

    @Override
    public void close() {}
  }

  private final Scripted site = new Scripted();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final MetricTracker tracker =
      new MetricTracker() {
        @Override
        public Scope start(String operation) {
          return new Scope() {
            @Override
            public void failed(Throwable error) {}

            @Override
            public void close() {}
          };
        }

        @Override
        public void count(String counter, long delta) {}

        @Override
        public void gauge(String name, LongSupplier value) {
          gauges.putIfAbsent(name, value);
        }
      };

  private PoliteFetchClient.Builder polite(double rate) {
    return PoliteFetchClient.builder()
        .delegate(site)
        .requestsPerSecondPerHost(rate)
        .metricTracker(tracker)
        .time(now::get, nanos -> now.addAndGet(nanos));
  }

  private static FetchResponse ok(URI uri) {
    return new FetchResponse(uri, 200, Map.of(), "[]".getBytes());
  }

  private static FetchResponse status(URI uri, int status, String retryAfter) {
    return new FetchResponse(
        uri, status, retryAfter == null ? Map.of() : Map.of("retry-after", List.of(retryAfter)),
        new byte[0]);
  }

  private static FetchRequest get(String url) {
    return FetchRequest.get(URI.create(url), "test");
  }

  @Test
  @DisplayName("requests to one host are spaced evenly at the ceiling: no burst, none early")
  void spacesRequestsAtTheRate() {
    PoliteFetchClient client = polite(5).build();
    long start = now.get();

    for (int i = 0; i < 11; i++) {
      client.fetch(get("http://a.test/p" + i));
    }

    for (int i = 0; i < 11; i++) {
      assertThat(site.sendTime(i) - start).as("send " + i).isEqualTo(i * 200 * MS);
    }
  }

  @Test
  @DisplayName("the ceiling changes at run time: a cut spaces the next sends at the new rate, a raise"
      + " lifts it back, and a host first seen after the change starts at the new ceiling")
  void ceilingChangesAtRunTime() {
    PoliteFetchClient client = polite(10).adaptive(false).build();
    client.fetch(get("http://a.test/0"));
    client.fetch(get("http://a.test/1"));
    assertThat(site.sendTime(1) - site.sendTime(0)).isEqualTo(100 * MS);

    client.ceiling(2);
    client.fetch(get("http://a.test/2"));
    client.fetch(get("http://a.test/3"));
    client.fetch(get("http://b.test/0"));
    client.fetch(get("http://b.test/1"));

    assertThat(client.ceiling()).isEqualTo(2.0);
    assertThat(site.sendTime(2) - site.sendTime(1)).as("first send after the cut").isEqualTo(500 * MS);
    assertThat(site.sendTime(3) - site.sendTime(2)).isEqualTo(500 * MS);
    assertThat(site.sendTime(5) - site.sendTime(4)).as("new host at the new ceiling").isEqualTo(500 * MS);
    assertThat(client.currentRate("a.test")).isEqualTo(2.0);

    client.ceiling(10);
    client.fetch(get("http://a.test/4"));
    client.fetch(get("http://a.test/5"));
    assertThat(site.sendTime(7) - site.sendTime(6)).isEqualTo(100 * MS);
    assertThat(client.currentRate("a.test")).isEqualTo(10.0);
    assertThatThrownBy(() -> client.ceiling(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestsPerSecondPerHost").hasMessageContaining("0.0");
  }

  @Test
  @DisplayName("a cut while a request waits for its slot makes it take a new slot at the new rate")
  void cutWhileWaitingTakesANewSlot() throws Exception {
    dev.cwo.net.internal.HostGate[] gate = new dev.cwo.net.internal.HostGate[1];
    boolean[] cut = new boolean[1];
    gate[0] = new dev.cwo.net.internal.HostGate("a.test", 4,
        new dev.cwo.net.internal.HostGate.Tuning(10, 0.2, false, 0.5, 1, 0, 3, 60 * S),
        now::get,
        nanos -> {
          if (!cut[0]) {
            cut[0] = true;
            gate[0].ceiling(1); // the fleet shrank this process's share while it waited
          }
          now.addAndGet(nanos);
        });
    long start = now.get();
    gate[0].enter(); // sends at once
    long first = now.get();
    gate[0].release();
    gate[0].enter(); // reserved first + 100 ms, cut while waiting: sends first + 1 s
    gate[0].release();

    assertThat(first).isEqualTo(start);
    assertThat(now.get() - first).isEqualTo(S);
  }

  @Test
  @DisplayName("a request whose thread woke late does not let the next one go out right behind it")
  void lateWakeUpDoesNotBunch() {
    boolean[] late = {true};
    PoliteFetchClient client = PoliteFetchClient.builder().delegate(site).requestsPerSecondPerHost(10)
        .adaptive(false).time(now::get, nanos -> {
          now.addAndGet(late[0] ? nanos + 500 * MS : nanos); // the first wait oversleeps by 500 ms
          late[0] = false;
        }).build();
    long start = now.get();

    client.fetch(get("http://a.test/0"));
    client.fetch(get("http://a.test/1")); // due at 100 ms, woke at 600 ms
    client.fetch(get("http://a.test/2")); // its slot (200 ms) is long past: still one interval after

    assertThat(site.sendTime(1) - start).isEqualTo(600 * MS);
    assertThat(site.sendTime(2) - site.sendTime(1))
        .as("one interval, less at most the catch-up for the oversleep every wait has")
        .isGreaterThanOrEqualTo(100 * MS - dev.cwo.net.internal.HostGate.MAX_CATCH_UP_NANOS)
        .isLessThanOrEqualTo(100 * MS);
  }

  @Test
  @DisplayName("each host has its own limiter: a slow host does not hold up another")
  void hostsAreIndependent() {
    PoliteFetchClient client = polite(1).build();
    long start = now.get();

    client.fetch(get("http://a.test/1"));
    client.fetch(get("http://b.test/1"));
    client.fetch(get("http://b.test:8080/1"));

    assertThat(site.sendTime(1) - start).isZero();
    assertThat(site.sendTime(2) - start).as("another port is another host").isZero();
    client.fetch(get("http://a.test/2"));
    assertThat(site.sendTime(3) - start).isEqualTo(S);
  }

  @Test
  @DisplayName("Retry-After in seconds pauses every request to that host until then, not others")
  void retryAfterSecondsPausesTheWholeHost() {
    PoliteFetchClient client = polite(100).adaptive(false).build();
    site.answer = r -> r.uri().getPath().equals("/busy") ? status(r.uri(), 429, "3") : ok(r.uri());
    long start = now.get();

    client.fetch(get("http://a.test/busy"));
    client.fetch(get("http://b.test/other-host"));
    client.fetch(get("http://a.test/another-resource"));

    assertThat(site.sendTime(1) - start).as("other host, not paused").isLessThan(S);
    assertThat(site.sendTime(2) - start).as("same host, after the pause").isGreaterThanOrEqualTo(3 * S)
        .isLessThan(3 * S + 20 * MS);
  }

  @Test
  @DisplayName("Retry-After as an HTTP date pauses the host until that date on the clock")
  void retryAfterHttpDatePausesTheHost() {
    Instant wall = Instant.parse("2026-03-01T12:00:00Z");
    PoliteFetchClient client =
        polite(100).adaptive(false).clock(Clock.fixed(wall, ZoneOffset.UTC)).build();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(wall.plusSeconds(7).atOffset(ZoneOffset.UTC));
    site.answer = r -> r.uri().getPath().equals("/busy") ? status(r.uri(), 503, date) : ok(r.uri());
    long start = now.get();

    client.fetch(get("http://a.test/busy"));
    client.fetch(get("http://a.test/next"));

    assertThat(site.sendTime(1) - start).isGreaterThanOrEqualTo(7 * S).isLessThan(7 * S + 20 * MS);
  }

  @Test
  @DisplayName("a Retry-After longer than maxPause pauses the host only for maxPause")
  void retryAfterIsCapped() {
    PoliteFetchClient client = polite(100).adaptive(false).maxPause(Duration.ofSeconds(2)).build();
    site.answer = r -> r.uri().getPath().equals("/busy") ? status(r.uri(), 429, "3600") : ok(r.uri());
    long start = now.get();

    client.fetch(get("http://a.test/busy"));
    client.fetch(get("http://a.test/next"));

    assertThat(site.sendTime(1) - start).isGreaterThanOrEqualTo(2 * S).isLessThan(3 * S);
  }

  @Test
  @DisplayName("429 halves the host's rate once per interval; healthy answers climb it back"
      + " additively, never above the ceiling; the gauge shows it")
  void adaptsTheRate() {
    PoliteFetchClient client = polite(100).increaseStep(10).build();
    site.answer = r -> r.uri().getPath().startsWith("/busy") ? status(r.uri(), 429, null) : ok(r.uri());

    client.fetch(get("http://a.test/busy1"));
    client.fetch(get("http://a.test/busy2")); // same interval: no second halving
    assertThat(client.currentRate("a.test")).isEqualTo(50);
    assertThat(gauges.get("net.host.a.test.requests-per-minute").getAsLong()).isEqualTo(50 * 60);
    assertThat(client.currentRate("b.test")).as("other hosts keep the ceiling").isEqualTo(100);

    now.addAndGet(S);
    client.fetch(get("http://a.test/busy3"));
    assertThat(client.currentRate("a.test")).isEqualTo(25);

    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      now.addAndGet(S);
      client.fetch(get("http://a.test/ok" + i));
      rates.add(client.currentRate("a.test"));
    }
    assertThat(rates.subList(0, 4)).containsExactly(35.0, 45.0, 55.0, 65.0);
    assertThat(rates).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(100));
    assertThat(rates.get(19)).isEqualTo(100);
  }

  @Test
  @DisplayName("scattered 503s (a few per cent of answers) do not slow the host; a run of them halves it")
  void scattered503sDoNotSlowTheHost() {
    PoliteFetchClient client = polite(100).build();
    site.answer = r -> r.uri().getPath().startsWith("/busy") ? status(r.uri(), 503, null) : ok(r.uri());

    double lowest = 100;
    for (int i = 0; i < 400; i++) { // one 503 in 20 answers, a second apart: every interval could cut
      now.addAndGet(S);
      client.fetch(get("http://a.test/" + (i % 20 == 0 ? "busy" : "ok") + i));
      lowest = Math.min(lowest, client.currentRate("a.test"));
    }
    assertThat(lowest).as("the lowest rate with 5 % of 503s").isEqualTo(100);

    int sent = 0;
    while (client.currentRate("a.test") == 100 && sent < 50) {
      now.addAndGet(S);
      client.fetch(get("http://a.test/busy-run" + sent++));
    }
    assertThat(client.currentRate("a.test")).as("after " + sent + " 503s in a row").isEqualTo(50);
    assertThat(sent).isBetween(2, 12);
  }

  @Test
  @DisplayName("the rate never falls below the floor however often the host answers 429")
  void rateHasAFloor() {
    PoliteFetchClient client = polite(8).minRequestsPerSecondPerHost(1).build();
    site.answer = r -> status(r.uri(), 429, null);
    for (int i = 0; i < 10; i++) {
      client.fetch(get("http://a.test/" + i));
      now.addAndGet(2 * S);
    }
    assertThat(client.currentRate("a.test")).isEqualTo(1);
  }

  @Test
  @DisplayName("rising latency backs the rate off even without a 429")
  void risingLatencyBacksOff() {
    PoliteFetchClient client = polite(100).build();
    site.latencyNanos = 10 * MS;
    for (int i = 0; i < 100; i++) {
      client.fetch(get("http://a.test/" + i));
    }
    assertThat(client.currentRate("a.test")).isEqualTo(100);

    site.latencyNanos = 200 * MS;
    for (int i = 0; i < 10; i++) {
      client.fetch(get("http://a.test/slow" + i));
    }
    assertThat(client.currentRate("a.test")).isLessThan(100);
  }

  @Test
  @DisplayName("no more than maxConcurrentPerHost requests are in flight to one host at once")
  void limitsConcurrencyPerHost() throws Exception {
    AtomicInteger inFlightA = new AtomicInteger();
    AtomicInteger peakA = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bReached = new CountDownLatch(1);
    CountDownLatch aEntered = new CountDownLatch(3);
    FetchClient blocking =
        new FetchClient() {
          @Override
          public FetchSession newSession() {
            return () -> {};
          }

          @Override
          public FetchResponse fetch(FetchRequest request) {
            if (request.uri().getHost().equals("b.test")) {
              bReached.countDown();
              return ok(request.uri());
            }
            peakA.accumulateAndGet(inFlightA.incrementAndGet(), Math::max);
            aEntered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              inFlightA.decrementAndGet();
            }
            return ok(request.uri());
          }

          @Override
          public void close() {}
        };
    PoliteFetchClient client =
        PoliteFetchClient.builder()
            .delegate(blocking)
            .requestsPerSecondPerHost(100_000)
            .maxConcurrentPerHost(3)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<FetchResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        futures.add(pool.submit(() -> client.fetch(get("http://a.test/" + n))));
      }
      client.fetch(get("http://b.test/free"));
      assertThat(bReached.await(5, TimeUnit.SECONDS)).as("host b is not held up by a").isTrue();
      // let as many requests to a as may run get there before releasing them (on a busy machine the
      // third could still be on its way when b answered)
      assertThat(aEntered.await(5, TimeUnit.SECONDS)).as("three requests to a in flight").isTrue();
      release.countDown();
      for (Future<FetchResponse> f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(peakA.get()).isEqualTo(3);
  }

  @Test
  @DisplayName("build() names every bad setting")
  void rejectsBadSettings() {
    assertThatThrownBy(
            () -> PoliteFetchClient.builder()
                .requestsPerSecondPerHost(0)
                .maxConcurrentPerHost(0)
                .decreaseFactor(1.5)
                .latencyFactor(1)
                .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("delegate")
        .hasMessageContaining("requestsPerSecondPerHost")
        .hasMessageContaining("maxConcurrentPerHost")
        .hasMessageContaining("decreaseFactor")
        .hasMessageContaining("latencyFactor");
  }

  @Test
  @DisplayName("the default ceiling is polite: 5 requests per second per host")
  void defaultIsPolite() {
    PoliteFetchClient client =
        PoliteFetchClient.builder().delegate(site).time(now::get, n -> now.addAndGet(n)).build();
    long start = now.get();
    for (int i = 0; i < 6; i++) {
      client.fetch(get("http://a.test/" + i));
    }
    assertThat(site.sendTime(5) - start).isEqualTo(S);
    assertThat(client.currentRate("a.test")).isEqualTo(5);
  }
}
