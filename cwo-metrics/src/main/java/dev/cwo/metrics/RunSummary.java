package dev.cwo.metrics;

/**
 * The whole run at a glance: {@code operations} is every closed scope of every operation (nested
 * scopes included), {@code errors} the failed ones, {@code errorRate} their share (0 with no
 * operations), {@code elapsedMillis} the clock time since the tracker was built and {@code
 * opsPerSecond} operations per second of that elapsed time (0 if none has elapsed).
 *
 * <p>An immutable value; thread-safe.
 */
public record RunSummary(
    long operations, long errors, double errorRate, double elapsedMillis, double opsPerSecond) {}
