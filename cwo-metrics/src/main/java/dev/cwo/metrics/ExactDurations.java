package dev.cwo.metrics;

/**
 * Exact running figures over every duration recorded: count, sum, minimum, maximum and the
 * variance (Welford's online algorithm, which stays accurate where a raw sum of squares of
 * nanosecond values would overflow a {@code long} or lose precision in a {@code double}).
 *
 * <p>Thread-safe: {@link #record(long)} and {@link #snapshot()} synchronise on this object. The
 * critical section is a handful of arithmetic operations, cheap next to the I/O cwo times. Memory is
 * constant (five numbers), however long the run.
 */
final class ExactDurations {
  private long count;
  private long sumNanos;
  private long minNanos = Long.MAX_VALUE;
  private long maxNanos = Long.MIN_VALUE;
  private double mean;
  private double m2;

  synchronized void record(long nanos) {
    count++;
    sumNanos += nanos;
    minNanos = Math.min(minNanos, nanos);
    maxNanos = Math.max(maxNanos, nanos);
    double delta = nanos - mean;
    mean += delta / count;
    m2 += delta * (nanos - mean);
  }

  synchronized Snapshot snapshot() {
    return count == 0
        ? new Snapshot(0, 0, 0, 0, 0)
        : new Snapshot(count, sumNanos, minNanos, maxNanos, count < 2 ? 0 : m2 / (count - 1));
  }

  /**
   * A consistent copy of the figures; {@code sampleVarianceNanos2} is the sample variance (divided
   * by n - 1) in square nanoseconds, 0 with fewer than two values.
   */
  record Snapshot(long count, long sumNanos, long minNanos, long maxNanos,
      double sampleVarianceNanos2) {}
}
