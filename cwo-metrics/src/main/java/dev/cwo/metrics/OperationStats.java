package dev.cwo.metrics;

import java.util.Objects;

/**
 * What one operation's scopes add up to, durations in milliseconds.
 *
 * <p>{@code count} is every closed scope of the operation, successful or failed; {@code errors} the
 * failed ones and {@code errorRate} their share of {@code count} (0 when {@code count} is 0). The
 * duration figures describe the {@link #successes()} only (the {@code cwo.op.<op>} timer; failed
 * durations are in {@code cwo.op.<op>.failed}): {@code mean}, {@code min}, {@code max} and the
 * sample standard deviation ({@code n - 1} divisor, 0 below two values) are exact over the run;
 * {@code median}, {@code p95} and {@code p99} come from the timer's reservoir (see {@link
 * DropwizardMetricTracker}). With no successes every duration figure is 0.
 *
 * <p>An immutable value; thread-safe.
 */
public record OperationStats(
    String operation,
    long count,
    long errors,
    double errorRate,
    double meanMillis,
    double medianMillis,
    double minMillis,
    double maxMillis,
    double stdDevMillis,
    double p95Millis,
    double p99Millis) {

  /** Checks the name is present and the counts are consistent. */
  public OperationStats {
    Objects.requireNonNull(operation, "operation");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException(
          "need 0 <= errors <= count, got errors=" + errors + ", count=" + count);
    }
  }

  /** Scopes that closed without being marked failed: {@code count - errors}. */
  public long successes() {
    return count - errors;
  }
}
