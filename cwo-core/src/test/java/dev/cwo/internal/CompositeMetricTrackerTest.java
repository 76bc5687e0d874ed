package dev.cwo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.RecordingMetricTracker;
import dev.cwo.spi.MetricTracker;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompositeMetricTrackerTest {
  private final RecordingMetricTracker a = new RecordingMetricTracker("a");
  private final RecordingMetricTracker b = new RecordingMetricTracker("b");

  @Test
  @DisplayName("scopes open on both trackers and close in reverse order; failures reach both")
  void scopesReachBoth() {
    MetricTracker both = MetricTracker.composite(a, b);
    try (MetricTracker.Scope outer = both.start("outer")) {
      try (MetricTracker.Scope inner = both.start("inner")) {
        inner.failed(new IllegalStateException("boom"));
      }
    }
    assertThat(a.events).containsExactly("a start outer", "a start inner", "a failed inner boom",
        "a close inner", "a close outer");
    assertThat(b.events).containsExactly("b start outer", "b start inner", "b failed inner boom",
        "b close inner", "b close outer");
  }

  @Test
  @DisplayName("time() through a composite records the callable's exception on both and rethrows")
  void timeFailure() {
    MetricTracker both = MetricTracker.composite(a, b);
    assertThatThrownBy(() -> both.time("op", () -> {
      throw new java.io.IOException("disk");
    })).isInstanceOf(java.io.IOException.class);
    assertThat(a.events).contains("a failed op disk", "a close op");
    assertThat(b.events).contains("b failed op disk", "b close op");
  }

  @Test
  @DisplayName("counters, gauges and distributions reach both")
  void countersGaugesDistributions() {
    MetricTracker both = MetricTracker.composite(a, b);
    both.count("c", 3);
    both.gauge("g", () -> 7);
    both.record("d", 11);
    for (RecordingMetricTracker t : new RecordingMetricTracker[] {a, b}) {
      assertThat(t.counter("c")).isEqualTo(3);
      assertThat(t.gauges.get("g").getAsLong()).isEqualTo(7);
      assertThat(t.distributions.get("d")).containsExactly(11L);
    }
  }

  @Test
  @DisplayName("when the first tracker throws, the second is still called and the first error surfaces")
  void firstThrows() {
    MetricTracker broken = new MetricTracker() {
      @Override
      public Scope start(String operation) {
        return new Scope() {
          @Override
          public void failed(Throwable error) {}

          @Override
          public void close() {
            throw new IllegalStateException("close broke");
          }
        };
      }

      @Override
      public void count(String counter, long delta) {
        throw new IllegalStateException("count broke");
      }

      @Override
      public void gauge(String name, LongSupplier value) {
        throw new IllegalStateException("gauge broke");
      }
    };
    MetricTracker both = MetricTracker.composite(broken, b);
    assertThatThrownBy(() -> both.count("c", 1)).hasMessage("count broke");
    assertThat(b.counter("c")).isEqualTo(1);
    assertThatThrownBy(() -> both.start("op").close()).hasMessage("close broke");
    assertThat(b.events).contains("b close op");

    MetricTracker guarded = MetricTracker.guarded(both);
    guarded.count("c", 1);
    guarded.start("op2").close();
    assertThat(b.counter("c")).isEqualTo(2);
    assertThat(b.events).contains("b close op2");
  }

  @Test
  @DisplayName("a noop side is dropped")
  void noopDropped() {
    assertThat(MetricTracker.composite(MetricTracker.noop(), a)).isSameAs(a);
    assertThat(MetricTracker.composite(a, MetricTracker.noop())).isSameAs(a);
  }

  @Test
  @DisplayName("the noop tracker records nothing and hands out scopes that do nothing")
  void noop() throws Exception {
    MetricTracker noop = MetricTracker.noop();
    assertThat(noop.time("x", () -> 42)).isEqualTo(42);
    noop.record("d", 1);
    noop.count("c", 1);
    try (MetricTracker.Scope s = noop.start("y")) {
      s.failed(new RuntimeException());
    }
    assertThat(MetricTracker.guarded(noop)).isSameAs(noop);
  }
}
