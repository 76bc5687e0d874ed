package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.spi.MetricTracker;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DropwizardMetricTrackerTest {
  private final MetricRegistry registry = new MetricRegistry();
  private final FakeClock clock = new FakeClock();
  private final DropwizardMetricTracker tracker =
      DropwizardMetricTracker.builder(registry).clock(clock).build();
  private final PerformanceMonitor monitor = PerformanceMonitor.of(tracker);

  private void run(String op, long millis) {
    try (MetricTracker.Scope s = tracker.start(op)) {
      clock.advanceMillis(millis);
    }
  }

  private void fail(String op, long millis) {
    try (MetricTracker.Scope s = tracker.start(op)) {
      clock.advanceMillis(millis);
      s.failed(new IOException("boom"));
    }
  }

  @Test
  @DisplayName("known durations give exact count, mean, median, min, max, stddev, percentiles")
  void exactFigures() {
    for (long ms : new long[] {30, 10, 50, 20, 40}) {
      run("fetch", ms);
    }

    OperationStats s = monitor.stats("fetch").orElseThrow();

    assertThat(s.operation()).isEqualTo("fetch");
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.errors()).isZero();
    assertThat(s.errorRate()).isZero();
    assertThat(s.meanMillis()).isEqualTo(30.0);
    assertThat(s.medianMillis()).isEqualTo(30.0);
    assertThat(s.minMillis()).isEqualTo(10.0);
    assertThat(s.maxMillis()).isEqualTo(50.0);
    // sample standard deviation: sqrt((400 + 100 + 0 + 100 + 400) / 4)
    assertThat(s.stdDevMillis()).isCloseTo(Math.sqrt(250), within(1e-9));
    assertThat(s.p95Millis()).isEqualTo(50.0);
    assertThat(s.p99Millis()).isEqualTo(50.0);
  }

  @Test
  @DisplayName("an even number of durations has the interpolated median")
  void evenMedian() {
    for (long ms : new long[] {40, 10, 30, 20}) {
      run("parse", ms);
    }

    OperationStats s = monitor.stats("parse").orElseThrow();

    assertThat(s.medianMillis()).isEqualTo(25.0);
    assertThat(s.meanMillis()).isEqualTo(25.0);
    assertThat(s.stdDevMillis()).isCloseTo(Math.sqrt(500.0 / 3), within(1e-9));
  }

  @Test
  @DisplayName("a failed scope counts as an error and times into the .failed timer")
  void failures() {
    run("fetch", 10);
    run("fetch", 20);
    run("fetch", 30);
    fail("fetch", 7);

    OperationStats s = monitor.stats("fetch").orElseThrow();

    assertThat(s.count()).isEqualTo(4);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.successes()).isEqualTo(3);
    assertThat(s.errorRate()).isEqualTo(0.25);
    assertThat(s.meanMillis()).isEqualTo(20.0);
    assertThat(s.minMillis()).isEqualTo(10.0);
    assertThat(registry.timer("cwo.op.fetch").getCount()).isEqualTo(3);
    assertThat(registry.counter("cwo.op.fetch.errors").getCount()).isEqualTo(1);
    Timer failed = registry.getTimers().get("cwo.op.fetch.failed");
    assertThat(failed.getCount()).isEqualTo(1);
    assertThat(failed.getSnapshot().getMax()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(7));
  }

  @Test
  @DisplayName("an operation that only failed has zero duration figures and error rate 1")
  void onlyFailures() {
    fail("login", 3);

    OperationStats s = monitor.stats("login").orElseThrow();

    assertThat(s.count()).isEqualTo(1);
    assertThat(s.errorRate()).isEqualTo(1.0);
    assertThat(s.meanMillis()).isZero();
    assertThat(s.maxMillis()).isZero();
  }

  @Test
  @DisplayName("time() records a throwing action as a failure and rethrows")
  void timeRecordsFailure() throws Exception {
    assertThat(tracker.time("store.write", () -> {
      clock.advanceMillis(4);
      return "ok";
    })).isEqualTo("ok");
    assertThatThrownBy(() -> tracker.time("store.write", () -> {
      throw new IllegalStateException("disk full");
    })).isInstanceOf(IllegalStateException.class);

    OperationStats s = monitor.stats("store.write").orElseThrow();
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.meanMillis()).isEqualTo(4.0);
  }

  @Test
  @DisplayName("nested scopes each record their own duration; busy time counts the outer one")
  void nesting() {
    try (MetricTracker.Scope outer = tracker.start("vehicle")) {
      clock.advanceMillis(5);
      try (MetricTracker.Scope inner = tracker.start("fetch")) {
        clock.advanceMillis(10);
      }
      clock.advanceMillis(5);
    }

    assertThat(monitor.stats("vehicle").orElseThrow().meanMillis()).isEqualTo(20.0);
    assertThat(monitor.stats("fetch").orElseThrow().meanMillis()).isEqualTo(10.0);
    ThreadStats me = monitor.threadStats().stream()
        .filter(t -> t.thread().equals(Thread.currentThread().getName())).findFirst().orElseThrow();
    assertThat(me.operations()).isEqualTo(2);
    assertThat(me.busyMillis()).isEqualTo(20.0);
  }

  @Test
  @DisplayName("closing a scope twice records it once")
  void doubleClose() {
    MetricTracker.Scope s = tracker.start("fetch");
    clock.advanceMillis(3);
    s.close();
    clock.advanceMillis(100);
    s.close();

    OperationStats stats = monitor.stats("fetch").orElseThrow();
    assertThat(stats.count()).isEqualTo(1);
    assertThat(stats.maxMillis()).isEqualTo(3.0);
  }

  @Test
  @DisplayName("count adds to a Counter under the prefix")
  void counters() {
    tracker.count("pages", 3);
    tracker.count("pages", 4);

    assertThat(registry.counter("cwo.pages").getCount()).isEqualTo(7);
  }

  @Test
  @DisplayName("a gauge is registered once; a second registration of the name is ignored")
  void gaugeOnce() {
    tracker.gauge("queue", () -> 1);
    tracker.gauge("queue", () -> 2);

    Gauge<?> gauge = registry.getGauges().get("cwo.queue");
    assertThat(gauge.getValue()).isEqualTo(1L);
    assertThat(registry.getGauges()).hasSize(1);
  }

  @Test
  @DisplayName("a custom prefix names every metric")
  void customPrefix() {
    DropwizardMetricTracker t =
        DropwizardMetricTracker.builder(registry).clock(clock).prefix("scrape").build();
    try (MetricTracker.Scope s = t.start("fetch")) {
      clock.advanceMillis(1);
    }
    t.count("pages", 1);

    assertThat(registry.getNames()).contains("scrape.op.fetch", "scrape.op.fetch.errors",
        "scrape.pages");
    assertThat(t.timerName("x")).isEqualTo("scrape.op.x");
  }

  @Test
  @DisplayName("build() names every bad setting at once")
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> DropwizardMetricTracker.builder(registry)
        .prefix("cwo.").reservoirSize(0).build())
        .isInstanceOfSatisfying(InvalidConfigurationException.class, e ->
            assertThat(e.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("prefix"))
                .anySatisfy(p -> assertThat(p).contains("reservoirSize")));
    assertThatThrownBy(() -> DropwizardMetricTracker.builder(registry).prefix(" ").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> DropwizardMetricTracker.builder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("registry");
  }

  @Test
  @DisplayName("a reservoir smaller than the run still gives exact count, mean, min and max")
  void smallReservoirKeepsExactFigures() {
    DropwizardMetricTracker small =
        DropwizardMetricTracker.builder(new MetricRegistry()).clock(clock).reservoirSize(2).build();
    for (int ms = 1; ms <= 100; ms++) {
      try (MetricTracker.Scope s = small.start("fetch")) {
        clock.advanceMillis(ms);
      }
    }

    OperationStats s = PerformanceMonitor.of(small).stats("fetch").orElseThrow();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.meanMillis()).isEqualTo(50.5);
    assertThat(s.minMillis()).isEqualTo(1.0);
    assertThat(s.maxMillis()).isEqualTo(100.0);
    assertThat(s.stdDevMillis()).isCloseTo(Math.sqrt(100 * 101 / 12.0), within(1e-9));
  }
}
