package dev.cwo.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one thread (by name) has done: operations, errors and busy nanoseconds, each a
 * {@link LongAdder} so that recording never blocks. Thread-safe.
 */
final class ThreadFigures {
  final LongAdder operations = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder busyNanos = new LongAdder();
}
