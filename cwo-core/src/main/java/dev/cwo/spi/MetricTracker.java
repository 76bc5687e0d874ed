package dev.cwo.spi;

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
 * trust in {@link #guarded(MetricTracker)}, which the processor does for you.
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

  /** Wraps a tracker so that whatever it throws is logged once and swallowed. */
  static MetricTracker guarded(MetricTracker tracker) {
    Objects.requireNonNull(tracker, "tracker");
    return tracker instanceof GuardedMetricTracker || tracker == NoopMetricTracker.INSTANCE
        ? tracker
        : new GuardedMetricTracker(tracker);
  }
}
