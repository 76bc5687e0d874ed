package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.spi.MetricTracker;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuardedTrackerTest {

  /** A tracker whose every method throws. */
  private static final class ThrowingTracker implements MetricTracker {
    @Override
    public Scope start(String operation) {
      throw new IllegalStateException("start broke");
    }

    @Override
    public void count(String counter, long delta) {
      throw new IllegalStateException("count broke");
    }

    @Override
    public void gauge(String name, LongSupplier value) {
      throw new IllegalStateException("gauge broke");
    }

    @Override
    public void record(String distribution, long value) {
      throw new IllegalStateException("record broke");
    }
  }

  @Test
  @DisplayName("a tracker that throws is swallowed once wrapped with MetricTracker.guarded")
  void throwingTrackerIsSwallowed() throws Exception {
    MetricTracker guarded = MetricTracker.guarded(new ThrowingTracker());

    assertThatCode(() -> {
      try (MetricTracker.Scope s = guarded.start("fetch")) {
        s.failed(new RuntimeException("the operation's own failure"));
      }
      guarded.count("pages", 1);
      guarded.gauge("queue", () -> 1);
      guarded.record("batch-size", 3);
    }).doesNotThrowAnyException();
    assertThat(guarded.time("fetch", () -> 42)).isEqualTo(42);
  }

  @Test
  @DisplayName("a name clash in the registry breaks start() only when unguarded")
  void registryClashIsGuarded() throws Exception {
    MetricRegistry registry = new MetricRegistry();
    registry.counter("cwo.op.fetch"); // someone else's counter where our timer would go
    DropwizardMetricTracker tracker =
        DropwizardMetricTracker.builder(registry).clock(new FakeClock()).build();

    assertThatThrownBy(() -> tracker.start("fetch")).isInstanceOf(IllegalArgumentException.class);

    MetricTracker guarded = MetricTracker.guarded(tracker);
    assertThat(guarded.time("fetch", () -> "page")).isEqualTo("page");
    // the guarded tracker keeps working for other operations
    try (MetricTracker.Scope s = guarded.start("parse")) {
      // nothing
    }
    assertThat(PerformanceMonitor.of(tracker).stats("parse").orElseThrow().count()).isEqualTo(1);
  }
}
