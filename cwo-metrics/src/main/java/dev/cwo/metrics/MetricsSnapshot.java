package dev.cwo.metrics;

import dev.cwo.CwoException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Everything a {@link PerformanceMonitor} reports, taken at one moment: what {@link
 * PerformanceMonitor#exportJson} writes and {@link #readJson} reads back, so a report can be
 * printed later from the file ({@code cwo report FILE}).
 *
 * <p>An immutable value; thread-safe.
 *
 * @param timestamp when it was taken
 * @param overall the run at a glance
 * @param operations per-operation statistics, sorted by name
 * @param threads per-thread figures, sorted by thread name
 * @param counters the registry's counters (without per-operation error counters), by name
 * @param gauges the registry's gauges read at {@code timestamp}: a number, a string, a boolean, or
 *     {@code null} for a gauge that could not be read
 * @param distributions histograms and other parts' timers, sorted by name
 */
public record MetricsSnapshot(
    Instant timestamp,
    RunSummary overall,
    List<OperationStats> operations,
    List<ThreadStats> threads,
    SortedMap<String, Long> counters,
    SortedMap<String, Object> gauges,
    List<DistributionStats> distributions) {

  public MetricsSnapshot {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(overall, "overall");
    operations = List.copyOf(operations);
    threads = List.copyOf(threads);
    counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
    gauges = Collections.unmodifiableSortedMap(new TreeMap<>(gauges)); // values may be null
    distributions = List.copyOf(distributions);
  }

  /**
   * Reads a file that {@link PerformanceMonitor#exportJson} wrote.
   *
   * @throws CwoException if it cannot be read, is not JSON, or is not in the {@code cwo-metrics/1}
   *     schema; the message names the file and what was wrong
   */
  public static MetricsSnapshot readJson(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return JsonExport.read(file);
    } catch (IOException e) {
      throw new CwoException("could not read metrics JSON from " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes this snapshot as JSON in the schema {@code dev/cwo/metrics/metrics-schema.json},
   * replacing {@code file}.
   *
   * @throws CwoException if the file cannot be written
   */
  public void writeJson(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      JsonExport.write(this, file);
    } catch (IOException e) {
      throw new CwoException("could not write metrics JSON to " + file + ": " + e.getMessage()
          + "; check that its directory exists and is writable", e);
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
   * operations (durations in ms), threads, distributions, counters and gauges; an empty section
   * says "(none)".
   */
  public List<String> reportLines() {
    RunSummary run = overall;
    List<String> lines = new ArrayList<>();
    lines.add("cwo performance report at " + timestamp + ", elapsed "
        + num(run.elapsedMillis() / 1000) + " s");
    lines.add("overall: " + run.operations() + " operations, " + run.errors() + " errors ("
        + num(run.errorRate() * 100) + " %), " + num(run.opsPerSecond()) + " ops/s");

    TextTable ops = new TextTable("operation", "count", "errors", "error%", "mean ms", "median ms",
        "min ms", "max ms", "stddev ms", "p95 ms", "p99 ms");
    for (OperationStats s : operations) {
      ops.row(s.operation(), Long.toString(s.count()), Long.toString(s.errors()),
          num(s.errorRate() * 100), num(s.meanMillis()), num(s.medianMillis()), num(s.minMillis()),
          num(s.maxMillis()), num(s.stdDevMillis()), num(s.p95Millis()), num(s.p99Millis()));
    }
    section(lines, "operations", ops);

    TextTable threadTable = new TextTable("thread", "operations", "errors", "busy ms", "ops/busy s",
        "ops/wall s");
    for (ThreadStats t : threads) {
      threadTable.row(t.thread(), Long.toString(t.operations()), Long.toString(t.errors()),
          num(t.busyMillis()), num(t.opsPerBusySecond()), num(t.opsPerWallSecond()));
    }
    section(lines, "threads", threadTable);

    TextTable dist = new TextTable("distribution", "unit", "count", "mean", "min", "max", "median",
        "p95", "p99");
    for (DistributionStats d : distributions) {
      dist.row(d.name(), d.unit(), Long.toString(d.count()), num(d.mean()), num(d.min()),
          num(d.max()), num(d.median()), num(d.p95()), num(d.p99()));
    }
    section(lines, "distributions", dist);

    TextTable counterTable = new TextTable("counter", "value");
    counters.forEach((name, value) -> counterTable.row(name, Long.toString(value)));
    section(lines, "counters", counterTable);

    TextTable gaugeTable = new TextTable("gauge", "value");
    gauges.forEach((name, value) -> gaugeTable.row(name, value == null ? "unavailable"
        : value instanceof Double || value instanceof Float ? num(((Number) value).doubleValue())
        : String.valueOf(value)));
    section(lines, "gauges", gaugeTable);
    return lines;
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
}
