package dev.cwo.internal;

import dev.cwo.spi.MetricTracker;
import java.util.function.LongSupplier;

/**
 * The tracker behind {@link MetricTracker#composite}: forwards every call to two trackers, the
 * second even when the first throws; the first exception is rethrown after both were called.
 * Thread-safe if both delegates are.
 */
public final class CompositeMetricTracker implements MetricTracker {
  private final MetricTracker first;
  private final MetricTracker second;

  public CompositeMetricTracker(MetricTracker first, MetricTracker second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public Scope start(String operation) {
    Scope a = first.start(operation);
    Scope b;
    try {
      b = second.start(operation);
    } catch (RuntimeException | Error e) {
      a.close();
      throw e;
    }
    return new Scope() {
      @Override
      public void failed(Throwable error) {
        both(() -> a.failed(error), () -> b.failed(error));
      }

      @Override
      public void close() {
        both(() -> b.close(), () -> a.close());
      }
    };
  }

  @Override
  public void count(String counter, long delta) {
    both(() -> first.count(counter, delta), () -> second.count(counter, delta));
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    both(() -> first.gauge(name, value), () -> second.gauge(name, value));
  }

  @Override
  public void record(String distribution, long value) {
    both(() -> first.record(distribution, value), () -> second.record(distribution, value));
  }

  /** Runs both actions; the first one's exception wins, the second's is added as suppressed. */
  private static void both(Runnable one, Runnable two) {
    Throwable thrown = null;
    try {
      one.run();
    } catch (RuntimeException | Error e) {
      thrown = e;
    }
    try {
      two.run();
    } catch (RuntimeException | Error e) {
      if (thrown == null) thrown = e;
      else thrown.addSuppressed(e);
    }
    if (thrown instanceof RuntimeException r) throw r;
    if (thrown instanceof Error err) throw err;
  }

  @Override
  public String toString() {
    return "composite(" + first + ", " + second + ")";
  }
}
