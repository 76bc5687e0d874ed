package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.CwoException;
import dev.cwo.spi.MetricTracker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class PerformanceMonitorTest {
  private static final String ODD_NAME = "odd \"name\"\\ with\ttab";

  private final MetricRegistry registry = new MetricRegistry();
  private final FakeClock clock = new FakeClock();
  private final DropwizardMetricTracker tracker =
      DropwizardMetricTracker.builder(registry).clock(clock).build();
  private final PerformanceMonitor monitor = PerformanceMonitor.of(tracker);

  private void timed(String op, long millis, boolean fail) {
    try (MetricTracker.Scope s = tracker.start(op)) {
      clock.advanceMillis(millis);
      if (fail) {
        s.failed(new IOException("x"));
      }
    }
  }

  @BeforeEach
  void record() {
    timed("fetch", 10, false);
    timed("fetch", 20, false);
    timed("fetch", 30, false);
    timed("fetch", 40, true);
    timed(ODD_NAME, 5, false);
    tracker.count("pages", 3);
    tracker.gauge("queue", () -> 7);
  }

  @Test
  @DisplayName("stats of an operation never started is empty")
  void unknownOperation() {
    assertThat(monitor.stats("nope")).isEmpty();
    assertThat(monitor.allStats()).extracting(OperationStats::operation)
        .containsExactly("fetch", ODD_NAME);
  }

  @Test
  @DisplayName("the summary adds up every operation over the elapsed clock time")
  void summary() {
    RunSummary run = monitor.summary();

    assertThat(run.operations()).isEqualTo(5);
    assertThat(run.errors()).isEqualTo(1);
    assertThat(run.errorRate()).isEqualTo(0.2);
    assertThat(run.elapsedMillis()).isEqualTo(105.0);
    assertThat(run.opsPerSecond()).isCloseTo(5 / 0.105, within(1e-9));
  }

  @Test
  @DisplayName("counters and gauges list the tracker's, not the per-operation error counters")
  void countersAndGauges() {
    assertThat(monitor.counters()).containsExactly(java.util.Map.entry("cwo.pages", 3L));
    assertThat(monitor.gauges()).containsEntry("cwo.queue", 7L);
  }

  @Test
  @DisplayName("the printed report has every section, every operation, thread, counter and gauge")
  void printedReport() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    monitor.report(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).contains("2025-01-01T00:00:00.105Z", "5 operations, 1 errors (20.000 %)",
        "operations", "threads", "counters", "gauges", "fetch", "odd \"name\"\\ with\\ttab",
        Thread.currentThread().getName(), "cwo.pages", "cwo.queue");
    assertThat(report).containsPattern("fetch\\s+4\\s+1\\s+25\\.000\\s+20\\.000\\s+20\\.000"
        + "\\s+10\\.000\\s+30\\.000\\s+10\\.000\\s+30\\.000\\s+30\\.000");
  }

  @Test
  @DisplayName("each table's columns line up: every row ends at the same column")
  void reportIsAligned() {
    List<String> lines = monitor.reportLines();
    int header = lines.indexOf("operations");
    List<String> table = lines.subList(header + 1, header + 4); // header row + 2 operations,
    // one of them with a tab in its name

    assertThat(table.get(0)).contains("operation", "count", "p99 ms");
    assertThat(table).extracting(String::length).containsOnly(table.get(0).length());
    int countEnd = table.get(0).indexOf("count") + "count".length();
    assertThat(table.get(1).substring(0, countEnd)).endsWith(" 4");
  }

  @Test
  @DisplayName("report(Logger) logs the same lines at info")
  void loggedReport() {
    CapturingLogger logger = new CapturingLogger();

    monitor.report(logger);

    assertThat(logger.lines).containsExactlyElementsOf(monitor.reportLines());
  }

  @Test
  @DisplayName("a gauge that throws shows as unavailable and never breaks the report or export")
  void brokenGauge(@TempDir Path dir) throws IOException {
    registry.register("broken", (Gauge<Long>) () -> {
      throw new IllegalStateException("cannot read");
    });

    assertThat(monitor.gauges()).containsEntry("broken", null);
    assertThat(String.join("\n", monitor.reportLines())).containsPattern("broken\\s+unavailable");
    Path file = dir.resolve("m.json");
    monitor.exportJson(file);
    assertThat(new ObjectMapper().readTree(file.toFile()).path("gauges").get("broken").isNull())
        .isTrue();
  }

  @Test
  @DisplayName("the JSON export parses back with every documented field")
  void jsonExport(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.json");

    monitor.exportJson(file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());

    assertThat(root.path("schema").asText()).isEqualTo("cwo-metrics/1");
    assertThat(root.path("timestamp").asText()).isEqualTo("2025-01-01T00:00:00.105Z");
    JsonNode overall = root.path("overall");
    assertThat(overall.path("operations").asLong()).isEqualTo(5);
    assertThat(overall.path("errors").asLong()).isEqualTo(1);
    assertThat(overall.path("errorRate").asDouble()).isEqualTo(0.2);
    assertThat(overall.path("elapsedMillis").asDouble()).isEqualTo(105.0);
    JsonNode fetch = root.path("operations").path("fetch");
    assertThat(fetch.path("count").asLong()).isEqualTo(4);
    assertThat(fetch.path("errors").asLong()).isEqualTo(1);
    assertThat(fetch.path("errorRate").asDouble()).isEqualTo(0.25);
    assertThat(fetch.path("meanMillis").asDouble()).isEqualTo(20.0);
    assertThat(fetch.path("medianMillis").asDouble()).isEqualTo(20.0);
    assertThat(fetch.path("minMillis").asDouble()).isEqualTo(10.0);
    assertThat(fetch.path("maxMillis").asDouble()).isEqualTo(30.0);
    assertThat(fetch.path("stdDevMillis").asDouble()).isCloseTo(10.0, within(1e-9));
    assertThat(fetch.path("p95Millis").asDouble()).isEqualTo(30.0);
    assertThat(fetch.path("p99Millis").asDouble()).isEqualTo(30.0);
    assertThat(root.path("operations").path(ODD_NAME).path("meanMillis").asDouble())
        .isEqualTo(5.0);
    JsonNode me = root.path("threads").path(Thread.currentThread().getName());
    assertThat(me.path("operations").asLong()).isEqualTo(5);
    assertThat(me.path("errors").asLong()).isEqualTo(1);
    assertThat(me.path("busyMillis").asDouble()).isEqualTo(105.0);
    assertThat(me.has("opsPerBusySecond")).isTrue();
    assertThat(me.has("opsPerWallSecond")).isTrue();
    assertThat(root.path("counters").path("cwo.pages").asLong()).isEqualTo(3);
    assertThat(root.path("counters").has("cwo.op.fetch.errors")).isFalse();
    assertThat(root.path("gauges").path("cwo.queue").asLong()).isEqualTo(7);
  }

  @Test
  @DisplayName("JVM metrics are opt-in, registered once, and appear in report and export")
  void jvmMetrics(@TempDir Path dir) throws IOException {
    assertThat(registry.getNames()).noneMatch(n -> n.startsWith("jvm."));

    monitor.registerJvmMetrics();
    int registered = registry.getNames().size();
    monitor.registerJvmMetrics();

    assertThat(registry.getNames()).hasSize(registered)
        .contains("jvm.memory.heap.used", "jvm.threads.count");
    assertThat(registry.getNames()).anyMatch(n -> n.startsWith("jvm.gc."));
    assertThat(String.join("\n", monitor.reportLines())).contains("jvm.memory.heap.used");
    Path file = dir.resolve("jvm.json");
    monitor.exportJson(file);
    JsonNode gauges = new ObjectMapper().readTree(file.toFile()).path("gauges");
    assertThat(gauges.path("jvm.memory.heap.used").asLong()).isPositive();
    assertThat(gauges.path("jvm.threads.deadlocks").isTextual()).isTrue();
  }

  @Test
  @DisplayName("exporting into a missing directory throws a CwoException naming the file")
  void exportFailure(@TempDir Path dir) {
    Path file = dir.resolve("missing").resolve("m.json");

    assertThatThrownBy(() -> monitor.exportJson(file))
        .isInstanceOf(CwoException.class).hasMessageContaining(file.toString());
  }

  @Test
  @DisplayName("an empty tracker reports '(none)' sections and zero figures")
  void emptyReport() {
    DropwizardMetricTracker empty =
        DropwizardMetricTracker.builder(new MetricRegistry()).clock(new FakeClock()).build();
    PerformanceMonitor m = PerformanceMonitor.of(empty);

    assertThat(m.reportLines()).contains("  (none)");
    assertThat(m.summary()).isEqualTo(new RunSummary(0, 0, 0, 0, 0));
  }

  /** An SLF4J logger that keeps the formatted info lines. */
  private static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    final List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg,
        Object[] args, Throwable t) {
      if (level == Level.INFO) {
        lines.add(MessageFormatter.basicArrayFormat(msg, args));
      }
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public boolean isTraceEnabled(Marker m) { return false; }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public boolean isDebugEnabled(Marker m) { return false; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isInfoEnabled(Marker m) { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isWarnEnabled(Marker m) { return true; }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public boolean isErrorEnabled(Marker m) { return true; }
  }
}
