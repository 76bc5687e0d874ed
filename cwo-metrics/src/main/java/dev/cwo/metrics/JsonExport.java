package dev.cwo.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link PerformanceMonitor}'s figures as JSON in the schema its class comment documents.
 * Stateless and thread-safe; Jackson does the escaping.
 */
final class JsonExport {
  static final String SCHEMA = "cwo-metrics/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonExport() {}

  static void write(PerformanceMonitor monitor, Path file) throws IOException {
    ObjectNode root = toJson(monitor);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }
  }

  static ObjectNode toJson(PerformanceMonitor monitor) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schema", SCHEMA);
    root.put("timestamp", monitor.timestamp().toString());

    RunSummary run = monitor.summary();
    ObjectNode overall = root.putObject("overall");
    overall.put("operations", run.operations());
    overall.put("errors", run.errors());
    overall.put("errorRate", run.errorRate());
    overall.put("elapsedMillis", run.elapsedMillis());
    overall.put("opsPerSecond", run.opsPerSecond());

    ObjectNode operations = root.putObject("operations");
    for (OperationStats s : monitor.allStats()) {
      ObjectNode op = operations.putObject(s.operation());
      op.put("count", s.count());
      op.put("errors", s.errors());
      op.put("errorRate", s.errorRate());
      op.put("meanMillis", s.meanMillis());
      op.put("medianMillis", s.medianMillis());
      op.put("minMillis", s.minMillis());
      op.put("maxMillis", s.maxMillis());
      op.put("stdDevMillis", s.stdDevMillis());
      op.put("p95Millis", s.p95Millis());
      op.put("p99Millis", s.p99Millis());
    }

    ObjectNode threads = root.putObject("threads");
    for (ThreadStats t : monitor.threadStats()) {
      ObjectNode thread = threads.putObject(t.thread());
      thread.put("operations", t.operations());
      thread.put("errors", t.errors());
      thread.put("busyMillis", t.busyMillis());
      thread.put("opsPerBusySecond", t.opsPerBusySecond());
      thread.put("opsPerWallSecond", t.opsPerWallSecond());
    }

    ObjectNode counters = root.putObject("counters");
    monitor.counters().forEach(counters::put);

    ObjectNode gauges = root.putObject("gauges");
    monitor.gauges().forEach((name, value) -> putGauge(gauges, name, value));
    return root;
  }

  private static void putGauge(ObjectNode gauges, String name, Object value) {
    if (value == null) {
      gauges.putNull(name);
    } else if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        gauges.put(name, d);
      } else {
        gauges.put(name, value.toString()); // JSON has no NaN or Infinity
      }
    } else if (value instanceof BigDecimal b) {
      gauges.put(name, b);
    } else if (value instanceof BigInteger b) {
      gauges.put(name, b);
    } else if (value instanceof Number n) {
      gauges.put(name, n.longValue());
    } else if (value instanceof Boolean b) {
      gauges.put(name, b);
    } else {
      gauges.put(name, value.toString());
    }
  }
}
