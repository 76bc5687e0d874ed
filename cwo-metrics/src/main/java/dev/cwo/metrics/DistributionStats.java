package dev.cwo.metrics;

import java.util.Objects;

/**
 * A distribution in the registry that is not one of the tracker's operations: a histogram recorded
 * with {@code MetricTracker.record} (a batch size, a wait in microseconds; {@code unit} empty) or a
 * timer of another part, such as HikariCP's {@code cwo-store.pool.Wait} ({@code unit} {@code ms}).
 * {@code mean}, {@code min} and {@code max} and the percentiles come from the metric's reservoir:
 * exact while it holds every value (see {@link DropwizardMetricTracker}), a uniform sample after.
 *
 * <p>An immutable value; thread-safe.
 */
public record DistributionStats(
    String name,
    String unit,
    long count,
    double mean,
    double min,
    double max,
    double median,
    double p95,
    double p99) {

  /** Checks the name and unit are present. */
  public DistributionStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
  }
}
