package dev.cwo.spi;

import dev.cwo.internal.CompositeMetricTracker;
import dev.cwo.internal.GuardedMetricTracker;
import dev.cwo.internal.NoopMetricTracker;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Times and counts what cwo does. The processor and the default parts report through it; the
 * default is cwo-metrics' {@code DropwizardMetricTracker}.
 *
 * <p>Implementations are thread-safe. A tracker must never break the scrape: wrap one you do not
 * trust in {@link #guarded(MetricTracker)}, which the processor does for you. To feed two backends
 * at once, use {@link #composite(MetricTracker, MetricTracker)}. The names cwo's own parts use are
 * listed in {@link dev.cwo.MetricNames}.
 *
 * <pre>{@code
 * try (MetricTracker.Scope s = tracker.start("store.write")) {
 *   store.write(batch);
 * } // recorded as a success unless s.failed(e) was called
 * }</pre>
 */
public interface MetricTracker {

  /** Starts timing one operation; closing the scope records it. Scopes nest freely. */
  Scope start(String operation);

  /** Adds {@code delta} to a counter. */
  void count(String counter, long delta);

  /** Registers a gauge read when metrics are reported; a second registration of a name is ignored. */
  void gauge(String name, LongSupplier value);

  /**
   * Records one value of a distribution, such as a batch size or a wait in microseconds. The
   * default does nothing, so trackers written before this method existed keep working; {@code
   * DropwizardMetricTracker} records it in a histogram.
   */
  default void record(String distribution, long value) {}

  /** Times {@code action}, recording a failure if it throws, and rethrows. */
  default <T> T time(String operation, Callable<T> action) throws Exception {
    try (Scope scope = start(operation)) {
      try {
        return action.call();
      } catch (Exception | Error e) {
        scope.failed(e);
        throw e;
      }
    }
  }

  /** One timed operation in progress. */
  interface Scope extends AutoCloseable {
    /** Marks the operation failed; closing records it as an error. */
    void failed(Throwable error);

    /** Stops the clock and records the operation. */
    @Override
    void close();
  }

  /** A tracker that records nothing. */
  static MetricTracker noop() {
    return NoopMetricTracker.INSTANCE;
  }

  /**
   * A tracker that sends everything to {@code first} and then to {@code second}: each scope opens
   * one scope on each and closes them in reverse order. If one of them throws, the other is still
   * called and the first exception is rethrown afterwards (wrap the result in {@link #guarded} to
   * swallow it, as the processor does). A {@link #noop()} side is dropped.
   */
  static MetricTracker composite(MetricTracker first, MetricTracker second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (first == NoopMetricTracker.INSTANCE) return second;
    if (second == NoopMetricTracker.INSTANCE) return first;
    return new CompositeMetricTracker(first, second);
  }

  /** Wraps a tracker so that whatever it throws is logged once and swallowed. */
  static MetricTracker guarded(MetricTracker tracker) {
    Objects.requireNonNull(tracker, "tracker");
    return tracker instanceof GuardedMetricTracker || tracker == NoopMetricTracker.INSTANCE
        ? tracker
        : new GuardedMetricTracker(tracker);
  }
}
