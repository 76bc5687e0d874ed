package dev.cwo.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import dev.cwo.CwoException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Reads what a {@link DropwizardMetricTracker} recorded: per-operation statistics, per-thread
 * figures, a run summary, the registry's counters and gauges; prints them as an aligned table and
 * exports them as JSON.
 *
 * <p>Thread-safe: every method reads the live metrics and may run while operations are recorded;
 * each figure is then a moment's value, not one consistent cut across all of them.
 *
 * <pre>{@code
 * PerformanceMonitor monitor = PerformanceMonitor.of(tracker);
 * monitor.registerJvmMetrics();                  // optional
 * monitor.stats("fetch").ifPresent(s -> log.info("fetch p95 {} ms", s.p95Millis()));
 * monitor.report(System.out);
 * monitor.exportJson(Path.of("metrics.json"));
 * }</pre>
 *
 * <p><b>JSON schema</b> written by {@link #exportJson(Path)} (durations in milliseconds, rates as
 * fractions 0..1, objects keyed and sorted by name):
 *
 * <pre>{@code
 * {
 *   "schema": "cwo-metrics/1",
 *   "timestamp": "2025-01-01T12:00:00Z",            // ISO-8601 UTC, from the tracker's clock
 *   "overall": {"operations": 12, "errors": 1, "errorRate": 0.083,
 *               "elapsedMillis": 1500.0, "opsPerSecond": 8.0},      // see RunSummary
 *   "operations": {"fetch": {"count": 10, "errors": 1, "errorRate": 0.1,
 *       "meanMillis": 20.0, "medianMillis": 20.0, "minMillis": 10.0, "maxMillis": 30.0,
 *       "stdDevMillis": 7.9, "p95Millis": 30.0, "p99Millis": 30.0}},  // see OperationStats
 *   "threads": {"worker-1": {"operations": 6, "errors": 0, "busyMillis": 120.0,
 *       "opsPerBusySecond": 50.0, "opsPerWallSecond": 4.0}},           // see ThreadStats
 *   "counters": {"cwo.pages": 42},                  // the registry's counters, minus op errors
 *   "gauges": {"cwo.queue": 3, "jvm.threads.deadlocks": "[]"}   // numbers, else strings; null
 * }                                                 // for a gauge that failed to read
 * }</pre>
 */
public final class PerformanceMonitor {
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private final DropwizardMetricTracker tracker;
  private final MetricRegistry registry;

  private PerformanceMonitor(DropwizardMetricTracker tracker) {
    this.tracker = tracker;
    this.registry = tracker.registry();
  }

  /** A monitor over {@code tracker} and the registry it records into. */
  public static PerformanceMonitor of(DropwizardMetricTracker tracker) {
    return new PerformanceMonitor(Objects.requireNonNull(tracker, "tracker"));
  }

  /** The statistics of {@code operation}, or empty if it was never started. */
  public Optional<OperationStats> stats(String operation) {
    Objects.requireNonNull(operation, "operation");
    DropwizardMetricTracker.OperationFigures op = tracker.figures(operation);
    return op == null ? Optional.empty() : Optional.of(statsOf(op));
  }

  /** The statistics of every operation started so far, sorted by name. */
  public List<OperationStats> allStats() {
    List<OperationStats> all = new ArrayList<>();
    for (String name : tracker.operations()) {
      stats(name).ifPresent(all::add);
    }
    return all;
  }

  /** The figures of every thread that started a scope, sorted by thread name. */
  public List<ThreadStats> threadStats() {
    double wallSeconds = tracker.elapsedNanos() / 1e9;
    List<ThreadStats> all = new ArrayList<>();
    for (Map.Entry<String, ThreadFigures> e : tracker.threadFigures()) {
      ThreadFigures f = e.getValue();
      long ops = f.operations.sum();
      long busyNanos = f.busyNanos.sum();
      all.add(new ThreadStats(e.getKey(), ops, f.errors.sum(), busyNanos / NANOS_PER_MILLI,
          busyNanos == 0 ? 0 : ops / (busyNanos / 1e9),
          wallSeconds == 0 ? 0 : ops / wallSeconds));
    }
    all.sort(Comparator.comparing(ThreadStats::thread));
    return all;
  }

  /** The whole run: operations, errors, error rate, elapsed time, throughput. */
  public RunSummary summary() {
    long ops = 0;
    long errors = 0;
    for (OperationStats s : allStats()) {
      ops += s.count();
      errors += s.errors();
    }
    long elapsedNanos = tracker.elapsedNanos();
    return new RunSummary(ops, errors, ops == 0 ? 0 : (double) errors / ops,
        elapsedNanos / NANOS_PER_MILLI, elapsedNanos == 0 ? 0 : ops / (elapsedNanos / 1e9));
  }

  /**
   * The registry's counters by name, sorted, except the per-operation error counters (those are in
   * {@link #allStats()}).
   */
  public SortedMap<String, Long> counters() {
    String opPrefix = tracker.prefix() + ".op.";
    SortedMap<String, Long> counters = new TreeMap<>();
    for (Map.Entry<String, Counter> e : registry.getCounters().entrySet()) {
      if (!e.getKey().startsWith(opPrefix)) {
        counters.put(e.getKey(), e.getValue().getCount());
      }
    }
    return Collections.unmodifiableSortedMap(counters);
  }

  /**
   * The registry's gauges by name, sorted, each read now; a gauge whose read throws maps to {@code
   * null} (a broken gauge never breaks a report).
   */
  public SortedMap<String, Object> gauges() {
    SortedMap<String, Object> gauges = new TreeMap<>();
    for (@SuppressWarnings("rawtypes") Map.Entry<String, Gauge> e :
        registry.getGauges().entrySet()) {
      Object value;
      try {
        value = e.getValue().getValue();
      } catch (RuntimeException ex) {
        value = null;
      }
      gauges.put(e.getKey(), value);
    }
    return Collections.unmodifiableSortedMap(gauges);
  }

  /**
   * Registers the JVM's memory ({@code jvm.memory.*}), thread-state ({@code jvm.threads.*}) and
   * garbage-collector ({@code jvm.gc.*}) gauges from metrics-jvm into the registry. Opt-in; names
   * already registered are left alone, so calling it twice is harmless.
   */
  public void registerJvmMetrics() {
    registerAbsent("jvm.memory", new MemoryUsageGaugeSet());
    registerAbsent("jvm.threads", new ThreadStatesGaugeSet());
    registerAbsent("jvm.gc", new GarbageCollectorMetricSet());
  }

  private void registerAbsent(String prefix, MetricSet set) {
    for (Map.Entry<String, Metric> e : set.getMetrics().entrySet()) {
      String name = MetricRegistry.name(prefix, e.getKey());
      if (!registry.getNames().contains(name)) {
        try {
          registry.register(name, e.getValue());
        } catch (IllegalArgumentException raced) {
          // another thread registered it between the check and here: keep theirs
        }
      }
    }
  }

  /** Prints {@link #reportLines()} to {@code out}. */
  public void report(PrintStream out) {
    Objects.requireNonNull(out, "out");
    reportLines().forEach(out::println);
    out.flush();
  }

  /** Logs {@link #reportLines()} to {@code logger} at info level, one line per call. */
  public void report(Logger logger) {
    Objects.requireNonNull(logger, "logger");
    if (logger.isInfoEnabled()) {
      reportLines().forEach(logger::info);
    }
  }

  /**
   * The report as lines: a header with the timestamp and run summary, then aligned tables of
   * operations (durations in ms), threads, counters and gauges; an empty section says "(none)".
   */
  public List<String> reportLines() {
    RunSummary run = summary();
    List<String> lines = new ArrayList<>();
    lines.add("cwo performance report at " + timestamp() + ", elapsed "
        + num(run.elapsedMillis() / 1000) + " s");
    lines.add("overall: " + run.operations() + " operations, " + run.errors() + " errors ("
        + num(run.errorRate() * 100) + " %), " + num(run.opsPerSecond()) + " ops/s");

    TextTable ops = new TextTable("operation", "count", "errors", "error%", "mean ms", "median ms",
        "min ms", "max ms", "stddev ms", "p95 ms", "p99 ms");
    for (OperationStats s : allStats()) {
      ops.row(s.operation(), Long.toString(s.count()), Long.toString(s.errors()),
          num(s.errorRate() * 100), num(s.meanMillis()), num(s.medianMillis()), num(s.minMillis()),
          num(s.maxMillis()), num(s.stdDevMillis()), num(s.p95Millis()), num(s.p99Millis()));
    }
    section(lines, "operations", ops);

    TextTable threads = new TextTable("thread", "operations", "errors", "busy ms", "ops/busy s",
        "ops/wall s");
    for (ThreadStats t : threadStats()) {
      threads.row(t.thread(), Long.toString(t.operations()), Long.toString(t.errors()),
          num(t.busyMillis()), num(t.opsPerBusySecond()), num(t.opsPerWallSecond()));
    }
    section(lines, "threads", threads);

    TextTable counters = new TextTable("counter", "value");
    counters().forEach((name, value) -> counters.row(name, Long.toString(value)));
    section(lines, "counters", counters);

    TextTable gauges = new TextTable("gauge", "value");
    gauges().forEach((name, value) -> gauges.row(name, value == null ? "unavailable"
        : value instanceof Double || value instanceof Float ? num(((Number) value).doubleValue())
        : String.valueOf(value)));
    section(lines, "gauges", gauges);
    return lines;
  }

  /**
   * Writes the figures as JSON to {@code file} (schema in the class comment), replacing it.
   *
   * @throws CwoException if the file cannot be written
   */
  public void exportJson(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      JsonExport.write(this, file);
    } catch (IOException e) {
      throw new CwoException("could not write metrics JSON to " + file + ": " + e.getMessage()
          + "; check that its directory exists and is writable", e);
    }
  }

  /** The tracker clock's current time. */
  Instant timestamp() {
    return Instant.ofEpochMilli(tracker.clock().getTime());
  }

  private OperationStats statsOf(DropwizardMetricTracker.OperationFigures op) {
    ExactDurations.Snapshot exact = op.exact.snapshot();
    long errors = op.errors.getCount();
    long count = exact.count() + errors;
    double errorRate = count == 0 ? 0 : (double) errors / count;
    if (exact.count() == 0) {
      return new OperationStats(op.operation, count, errors, errorRate, 0, 0, 0, 0, 0, 0, 0);
    }
    Snapshot sample = op.timer.getSnapshot();
    return new OperationStats(op.operation, count, errors, errorRate,
        exact.sumNanos() / (double) exact.count() / NANOS_PER_MILLI,
        sample.getMedian() / NANOS_PER_MILLI,
        exact.minNanos() / NANOS_PER_MILLI,
        exact.maxNanos() / NANOS_PER_MILLI,
        Math.sqrt(exact.sampleVarianceNanos2()) / NANOS_PER_MILLI,
        sample.get95thPercentile() / NANOS_PER_MILLI,
        sample.get99thPercentile() / NANOS_PER_MILLI);
  }

  private static void section(List<String> lines, String title, TextTable table) {
    lines.add("");
    lines.add(title);
    List<String> rendered = table.render();
    if (rendered.size() == 1) {
      lines.add("  (none)");
    } else {
      rendered.forEach(l -> lines.add("  " + l));
    }
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  @Override
  public String toString() {
    return "PerformanceMonitor[" + tracker + "]";
  }
}
