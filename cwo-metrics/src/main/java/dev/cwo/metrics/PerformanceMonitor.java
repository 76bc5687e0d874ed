package dev.cwo.metrics;

import com.codahale.metrics.ConsoleReporter;
import com.codahale.metrics.Counter;
import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.Slf4jReporter;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jmx.JmxReporter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import dev.cwo.CwoException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Reads what a {@link DropwizardMetricTracker} recorded: per-operation statistics, per-thread
 * figures, a run summary, the registry's distributions, counters and gauges; prints them as an
 * aligned table, exports them as JSON, and starts Dropwizard's periodic reporters (console, SLF4J,
 * CSV, and JMX when asked).
 *
 * <p><b>Resources</b> appear among the gauges once registered into the same registry: the JVM's
 * heap, non-heap, threads and GC through {@link #registerJvmMetrics()}; the database pool through
 * HikariCP's own integration ({@code JooqCombinationStore.builder().metricRegistry(registry)});
 * the HTTP connection pool by registering its figures on the tracker (see {@code docs/metrics.md}).
 *
 * <p><b>Accuracy.</b> Count, mean, min, max and standard deviation of an operation are exact over
 * the whole run (running sums next to each timer); median, p95 and p99 come from a {@link
 * com.codahale.metrics.UniformReservoir} of the tracker's {@code reservoirSize} values (4096 by
 * default): exact until an operation has run that many times, a uniform sample of the whole run
 * after. A uniform reservoir rather than Dropwizard's default exponentially decaying one, so that a
 * report at the end describes the whole run and not its last five minutes.
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
 *   "distributions": {"cwo.store.write.batch-size": {"unit": "", "count": 9, "mean": 40.0,
 *       "min": 3.0, "max": 64.0, "median": 50.0, "p95": 64.0, "p99": 64.0}}, // see DistributionStats
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

  /**
   * The registry's histograms (all of them) and timers that are not the tracker's operations (such
   * as HikariCP's {@code cwo-store.pool.Wait}, in milliseconds), sorted by name.
   */
  public List<DistributionStats> distributions() {
    List<DistributionStats> all = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : registry.getHistograms().entrySet()) {
      Snapshot s = e.getValue().getSnapshot();
      all.add(new DistributionStats(e.getKey(), "", e.getValue().getCount(), s.getMean(), s.getMin(),
          s.getMax(), s.getMedian(), s.get95thPercentile(), s.get99thPercentile()));
    }
    String opPrefix = tracker.prefix() + ".op.";
    for (Map.Entry<String, Timer> e : registry.getTimers().entrySet()) {
      if (e.getKey().startsWith(opPrefix)) continue;
      Snapshot s = e.getValue().getSnapshot();
      all.add(new DistributionStats(e.getKey(), "ms", e.getValue().getCount(),
          s.getMean() / NANOS_PER_MILLI, s.getMin() / NANOS_PER_MILLI, s.getMax() / NANOS_PER_MILLI,
          s.getMedian() / NANOS_PER_MILLI, s.get95thPercentile() / NANOS_PER_MILLI,
          s.get99thPercentile() / NANOS_PER_MILLI));
    }
    all.sort(Comparator.comparing(DistributionStats::name));
    return all;
  }

  /** Everything this monitor reports, read now. */
  public MetricsSnapshot snapshot() {
    List<OperationStats> ops = allStats();
    long count = 0;
    long errors = 0;
    for (OperationStats s : ops) {
      count += s.count();
      errors += s.errors();
    }
    long elapsedNanos = tracker.elapsedNanos();
    RunSummary run = new RunSummary(count, errors, count == 0 ? 0 : (double) errors / count,
        elapsedNanos / NANOS_PER_MILLI, elapsedNanos == 0 ? 0 : count / (elapsedNanos / 1e9));
    return new MetricsSnapshot(timestamp(), run, ops, threadStats(), counters(), gauges(),
        distributions());
  }

  /** Prints {@link #reportLines()} to {@code out}. */
  public void report(PrintStream out) {
    snapshot().report(out);
  }

  /** Logs {@link #reportLines()} to {@code logger} at info level, one line per call. */
  public void report(Logger logger) {
    Objects.requireNonNull(logger, "logger");
    if (logger.isInfoEnabled()) {
      snapshot().report(logger);
    }
  }

  /** The report as lines; see {@link MetricsSnapshot#reportLines()}. */
  public List<String> reportLines() {
    return snapshot().reportLines();
  }

  /**
   * Writes the figures as JSON to {@code file}, replacing it. The schema is the JSON Schema
   * resource {@code dev/cwo/metrics/metrics-schema.json} of this module (summarised in the class
   * comment); {@link MetricsSnapshot#readJson} reads the file back.
   *
   * @throws CwoException if the file cannot be written
   */
  public void exportJson(Path file) {
    snapshot().writeJson(file);
  }

  // --- periodic reporting through Dropwizard's reporters --------------------------------------

  /**
   * Starts Dropwizard's {@link ConsoleReporter} on the registry, printing to {@code out} every
   * {@code period} (rates per second, durations in milliseconds). Close the returned reporter to
   * stop it.
   */
  public ScheduledReporter startConsoleReporter(PrintStream out, Duration period) {
    Objects.requireNonNull(out, "out");
    ConsoleReporter r = ConsoleReporter.forRegistry(registry).outputTo(out)
        .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build();
    return start(r, period);
  }

  /**
   * Starts Dropwizard's {@link Slf4jReporter} on the registry, logging to {@code logger} at info
   * level every {@code period}. Close the returned reporter to stop it.
   */
  public ScheduledReporter startSlf4jReporter(Logger logger, Duration period) {
    Objects.requireNonNull(logger, "logger");
    Slf4jReporter r = Slf4jReporter.forRegistry(registry).outputTo(logger)
        .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build();
    return start(r, period);
  }

  /**
   * Starts Dropwizard's {@link CsvReporter} on the registry, appending one line per metric to
   * {@code <name>.csv} files in {@code directory} (which must exist) every {@code period}. Close
   * the returned reporter to stop it.
   */
  public ScheduledReporter startCsvReporter(Path directory, Duration period) {
    Objects.requireNonNull(directory, "directory");
    if (!java.nio.file.Files.isDirectory(directory)) {
      throw new CwoException("the CSV reporter needs an existing directory, " + directory + " is not one");
    }
    CsvReporter r = CsvReporter.forRegistry(registry).formatFor(Locale.ROOT)
        .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS)
        .build(directory.toFile());
    return start(r, period);
  }

  /**
   * Exposes the registry as JMX MBeans under {@code domain} (for example {@code "cwo"}) on the
   * platform MBean server, through Dropwizard's {@link JmxReporter}. Opt-in; close the returned
   * reporter to unregister them.
   */
  public JmxReporter startJmxReporter(String domain) {
    Objects.requireNonNull(domain, "domain");
    JmxReporter r = JmxReporter.forRegistry(registry).inDomain(domain)
        .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build();
    r.start();
    return r;
  }

  private static ScheduledReporter start(ScheduledReporter reporter, Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.toMillis() < 1) {
      reporter.close();
      throw new IllegalArgumentException("period must be at least 1 ms, was " + period);
    }
    reporter.start(period.toMillis(), TimeUnit.MILLISECONDS);
    return reporter;
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

  @Override
  public String toString() {
    return "PerformanceMonitor[" + tracker + "]";
  }
}
