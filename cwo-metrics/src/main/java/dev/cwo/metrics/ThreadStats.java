package dev.cwo.metrics;

import java.util.Objects;

/**
 * What the scopes started on one thread (by name) add up to.
 *
 * <p>{@code operations} counts every scope, nested ones included; {@code busyMillis} is the time
 * spent inside outermost scopes. Two throughputs, both in operations per second: {@code
 * opsPerBusySecond} divides by the thread's busy time (how fast the thread works while it works),
 * {@code opsPerWallSecond} by the wall time since the tracker was built (what it contributed to the
 * run). Each is 0 when its divisor is 0.
 *
 * <p>An immutable value; thread-safe.
 */
public record ThreadStats(
    String thread,
    long operations,
    long errors,
    double busyMillis,
    double opsPerBusySecond,
    double opsPerWallSecond) {

  /** Checks the name is present. */
  public ThreadStats {
    Objects.requireNonNull(thread, "thread");
  }
}
