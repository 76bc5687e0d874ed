package dev.cwo;

import dev.cwo.spi.MetricTracker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** A fake tracker that remembers every call, for tests. Thread-safe. */
public final class RecordingMetricTracker implements MetricTracker {
  public final List<String> events = new CopyOnWriteArrayList<>();
  public final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  public final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  public final Map<String, List<Long>> distributions = new ConcurrentHashMap<>();
  private final String name;

  public RecordingMetricTracker(String name) {
    this.name = name;
  }

  public RecordingMetricTracker() {
    this("t");
  }

  @Override
  public Scope start(String operation) {
    events.add(name + " start " + operation);
    return new Scope() {
      @Override
      public void failed(Throwable error) {
        events.add(name + " failed " + operation + " " + error.getMessage());
      }

      @Override
      public void close() {
        events.add(name + " close " + operation);
      }
    };
  }

  @Override
  public void count(String counter, long delta) {
    events.add(name + " count " + counter + " " + delta);
    counters.computeIfAbsent(counter, c -> new LongAdder()).add(delta);
  }

  @Override
  public void gauge(String gauge, LongSupplier value) {
    events.add(name + " gauge " + gauge);
    gauges.putIfAbsent(gauge, value);
  }

  @Override
  public void record(String distribution, long value) {
    distributions.computeIfAbsent(distribution, d -> new CopyOnWriteArrayList<>()).add(value);
  }

  public long counter(String counter) {
    LongAdder a = counters.get(counter);
    return a == null ? 0 : a.sum();
  }
}
