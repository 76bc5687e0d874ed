package dev.cwo.net;

import static dev.cwo.net.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.MetricNames;
import dev.cwo.spi.MetricTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The site's metrics under the names {@link MetricNames} documents. */
class SiteMetricsTest {
  private static final String API = "/fitment/vehicle/co";

  /** Keeps counters, gauges and scopes. */
  private static final class Recording implements MetricTracker {
    final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    final List<String> scopes = new CopyOnWriteArrayList<>();

    @Override
    public Scope start(String operation) {
      return new Scope() {
        boolean failed;

        @Override
        public void failed(Throwable error) {
          failed = true;
        }

        @Override
        public void close() {
          scopes.add(operation + (failed ? " failed" : " ok"));
        }
      };
    }

    @Override
    public void count(String counter, long delta) {
      counters.computeIfAbsent(counter, c -> new LongAdder()).add(delta);
    }

    @Override
    public void gauge(String name, LongSupplier value) {
      gauges.putIfAbsent(name, value);
    }

    long counter(String name) {
      LongAdder a = counters.get(name);
      return a == null ? 0 : a.sum();
    }
  }

  private final StubServer api = StubServer.start();
  private final StubServer store = StubServer.start();
  private final HttpClient5FetchClient http =
      HttpClient5FetchClient.builder().responseTimeout(Duration.ofSeconds(5)).build();
  private final Recording metrics = new Recording();

  @AfterEach
  void tearDown() {
    http.close();
    api.close();
    store.close();
  }

  @Test
  @DisplayName("each attempt is timed per endpoint kind and counted by status class, bytes and retries")
  void perEndpointKind() {
    String body = "[\"ADX\",\"Integra\"]";
    api.on(API + "/2025/Acura", json(503, "{}"), json(200, body));
    PoliteFetchClient polite = PoliteFetchClient.builder().delegate(http)
        .requestsPerSecondPerHost(1000).metricTracker(metrics).build();
    CwoFitmentSource source = CwoFitmentSource.builder()
        .apiBase(api.uri(API)).storeBase(store.base()).fetchClient(polite)
        .maxAttempts(3).retryDelays(Duration.ofMillis(1), Duration.ofMillis(5)).jitter(0)
        .metricTracker(metrics).build();

    assertThat(source.models(2025, "Acura")).containsExactly("ADX", "Integra");

    assertThat(metrics.scopes).containsExactly("site.models failed", "site.models ok");
    assertThat(metrics.counter(MetricNames.siteStatus("models", 503))).isEqualTo(1);
    assertThat(metrics.counter("site.models.status.5xx")).isEqualTo(1);
    assertThat(metrics.counter(MetricNames.siteStatus("models", 200))).isEqualTo(1);
    assertThat(metrics.counter(MetricNames.siteBytes("models"))).isEqualTo(2 + body.length());
    assertThat(metrics.counter(MetricNames.siteRetries("models"))).isEqualTo(1);
    assertThat(metrics.counter(MetricNames.SITE_RETRIES)).isEqualTo(1);
    assertThat(metrics.counter(MetricNames.NET_OVERLOADED)).isEqualTo(1);
    String host = api.base().getHost() + ":" + api.base().getPort();
    assertThat(metrics.gauges).containsKey(MetricNames.hostRate(host));
    assertThat(metrics.gauges.get(MetricNames.hostRate(host)).getAsLong())
        .isEqualTo(Math.round(polite.currentRate(host) * 60));
  }
}
