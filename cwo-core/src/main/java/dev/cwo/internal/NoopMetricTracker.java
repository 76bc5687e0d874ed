package dev.cwo.internal;

import dev.cwo.spi.MetricTracker;
import java.util.function.LongSupplier;

/** The tracker behind {@link MetricTracker#noop()}: records nothing, allocates nothing. */
public final class NoopMetricTracker implements MetricTracker {
  public static final NoopMetricTracker INSTANCE = new NoopMetricTracker();
  private static final Scope SCOPE =
      new Scope() {
        @Override
        public void failed(Throwable error) {}

        @Override
        public void close() {}
      };

  private NoopMetricTracker() {}

  @Override
  public Scope start(String operation) {
    return SCOPE;
  }

  @Override
  public void count(String counter, long delta) {}

  @Override
  public void gauge(String name, LongSupplier value) {}
}
