package dev.cwo.examples;

import dev.cwo.spi.MetricTracker;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * An example of a custom {@link MetricTracker}: counts operations, failures and total time per
 * operation in plain maps, for an application that has its own metrics system to feed.
 *
 * <p>Thread-safe. Pass it to {@code MultithreadedProcessor.builder().metricTracker(...)} and to
 * {@code CwoFitmentSource.builder().metricTracker(...)}; cwo guards it, so an exception in your
 * tracker never breaks a scrape.
 */
public final class CountingMetricTracker implements MetricTracker {
  private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

  @Override
  public Scope start(String operation) {
    long started = System.nanoTime();
    return new Scope() {
      private boolean failed;

      @Override
      public void failed(Throwable error) {
        failed = true;
      }

      @Override
      public void close() {
        add(operations, operation, 1);
        add(nanos, operation, System.nanoTime() - started);
        if (failed) add(failures, operation, 1);
      }
    };
  }

  @Override
  public void count(String counter, long delta) {
    add(counters, counter, delta);
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    gauges.putIfAbsent(name, value);
  }

  private static void add(Map<String, LongAdder> map, String key, long delta) {
    map.computeIfAbsent(key, k -> new LongAdder()).add(delta);
  }

  /** Operations counted so far, by name, sorted. */
  public Map<String, Long> operations() {
    return snapshot(operations);
  }

  /** Failed operations so far, by name. */
  public Map<String, Long> failures() {
    return snapshot(failures);
  }

  /** Counters so far, by name. */
  public Map<String, Long> counters() {
    return snapshot(counters);
  }

  /** The current value of every gauge. */
  public Map<String, Long> gauges() {
    Map<String, Long> out = new TreeMap<>();
    gauges.forEach((k, v) -> out.put(k, v.getAsLong()));
    return out;
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
