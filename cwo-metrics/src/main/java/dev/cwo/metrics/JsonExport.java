package dev.cwo.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link MetricsSnapshot} as JSON in the schema {@value #SCHEMA_RESOURCE} describes, and
 * reads one back. Stateless and thread-safe; Jackson does the escaping.
 */
final class JsonExport {
  static final String SCHEMA = "cwo-metrics/1";
  /** The JSON Schema (draft 2020-12) of the export, a classpath resource of this module. */
  static final String SCHEMA_RESOURCE = "/dev/cwo/metrics/metrics-schema.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonExport() {}

  static void write(MetricsSnapshot snapshot, Path file) throws IOException {
    ObjectNode root = toJson(snapshot);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }
  }

  static ObjectNode toJson(MetricsSnapshot snapshot) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schema", SCHEMA);
    root.put("timestamp", snapshot.timestamp().toString());

    RunSummary run = snapshot.overall();
    ObjectNode overall = root.putObject("overall");
    overall.put("operations", run.operations());
    overall.put("errors", run.errors());
    overall.put("errorRate", run.errorRate());
    overall.put("elapsedMillis", run.elapsedMillis());
    overall.put("opsPerSecond", run.opsPerSecond());

    ObjectNode operations = root.putObject("operations");
    for (OperationStats s : snapshot.operations()) {
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
    for (ThreadStats t : snapshot.threads()) {
      ObjectNode thread = threads.putObject(t.thread());
      thread.put("operations", t.operations());
      thread.put("errors", t.errors());
      thread.put("busyMillis", t.busyMillis());
      thread.put("opsPerBusySecond", t.opsPerBusySecond());
      thread.put("opsPerWallSecond", t.opsPerWallSecond());
    }

    ObjectNode distributions = root.putObject("distributions");
    for (DistributionStats d : snapshot.distributions()) {
      ObjectNode dist = distributions.putObject(d.name());
      dist.put("unit", d.unit());
      dist.put("count", d.count());
      dist.put("mean", d.mean());
      dist.put("min", d.min());
      dist.put("max", d.max());
      dist.put("median", d.median());
      dist.put("p95", d.p95());
      dist.put("p99", d.p99());
    }

    ObjectNode counters = root.putObject("counters");
    snapshot.counters().forEach(counters::put);

    ObjectNode gauges = root.putObject("gauges");
    snapshot.gauges().forEach((name, value) -> putGauge(gauges, name, value));
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

  // --- reading -------------------------------------------------------------------------------

  static MetricsSnapshot read(Path file) throws IOException {
    JsonNode root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException("not JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) throw new IOException("not a JSON object");
    String schema = root.path("schema").asText(null);
    if (!SCHEMA.equals(schema)) {
      throw new IOException("not a cwo metrics export: \"schema\" is " + (schema == null ? "missing"
          : "\"" + schema + "\"") + ", expected \"" + SCHEMA + "\"");
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse(text(root, "timestamp"));
    } catch (DateTimeParseException e) {
      throw new IOException("\"timestamp\" is not an ISO-8601 instant: " + root.get("timestamp"), e);
    }
    JsonNode o = object(root, "overall");
    RunSummary overall = new RunSummary(integer(o, "overall", "operations"), integer(o, "overall", "errors"),
        number(o, "overall", "errorRate"), number(o, "overall", "elapsedMillis"),
        number(o, "overall", "opsPerSecond"));

    List<OperationStats> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : entries(object(root, "operations"))) {
      JsonNode n = e.getValue();
      String at = "operations." + e.getKey();
      try {
        operations.add(new OperationStats(e.getKey(), integer(n, at, "count"), integer(n, at, "errors"),
            number(n, at, "errorRate"), number(n, at, "meanMillis"), number(n, at, "medianMillis"),
            number(n, at, "minMillis"), number(n, at, "maxMillis"), number(n, at, "stdDevMillis"),
            number(n, at, "p95Millis"), number(n, at, "p99Millis")));
      } catch (IllegalArgumentException bad) {
        throw new IOException(at + ": " + bad.getMessage(), bad);
      }
    }
    List<ThreadStats> threads = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : entries(object(root, "threads"))) {
      JsonNode n = e.getValue();
      String at = "threads." + e.getKey();
      threads.add(new ThreadStats(e.getKey(), integer(n, at, "operations"), integer(n, at, "errors"),
          number(n, at, "busyMillis"), number(n, at, "opsPerBusySecond"), number(n, at, "opsPerWallSecond")));
    }
    List<DistributionStats> distributions = new ArrayList<>();
    JsonNode dists = root.get("distributions"); // optional: absent in exports before it was added
    if (dists != null) {
      if (!dists.isObject()) throw new IOException("\"distributions\" must be an object");
      for (Map.Entry<String, JsonNode> e : entries(dists)) {
        JsonNode n = e.getValue();
        String at = "distributions." + e.getKey();
        distributions.add(new DistributionStats(e.getKey(), text(n, at + ".unit", "unit"),
            integer(n, at, "count"), number(n, at, "mean"), number(n, at, "min"), number(n, at, "max"),
            number(n, at, "median"), number(n, at, "p95"), number(n, at, "p99")));
      }
    }
    SortedMap<String, Long> counters = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : entries(object(root, "counters"))) {
      if (!e.getValue().canConvertToLong()) throw new IOException("counters." + e.getKey() + " is not an integer");
      counters.put(e.getKey(), e.getValue().asLong());
    }
    SortedMap<String, Object> gauges = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : entries(object(root, "gauges"))) {
      JsonNode v = e.getValue();
      Object value;
      if (v.isNull()) value = null;
      else if (v.isIntegralNumber() && v.canConvertToLong()) value = v.asLong();
      else if (v.isNumber()) value = v.asDouble();
      else if (v.isBoolean()) value = v.asBoolean();
      else if (v.isTextual()) value = v.asText();
      else throw new IOException("gauges." + e.getKey() + " must be a number, string, boolean or null");
      gauges.put(e.getKey(), value);
    }
    return new MetricsSnapshot(timestamp, overall, operations, threads, counters, gauges, distributions);
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
    return new ArrayList<>(object.properties());
  }

  private static JsonNode object(JsonNode parent, String field) throws IOException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject()) throw new IOException("\"" + field + "\" is missing or not an object");
    return n;
  }

  private static String text(JsonNode parent, String at, String field) throws IOException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) throw new IOException(at + " is missing or not a string");
    return n.asText();
  }

  private static String text(JsonNode parent, String field) throws IOException {
    return text(parent, "\"" + field + "\"", field);
  }

  private static long integer(JsonNode parent, String at, String field) throws IOException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IOException(at + "." + field + " is missing or not an integer");
    }
    return n.asLong();
  }

  private static double number(JsonNode parent, String at, String field) throws IOException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isNumber()) throw new IOException(at + "." + field + " is missing or not a number");
    return n.asDouble();
  }
}
