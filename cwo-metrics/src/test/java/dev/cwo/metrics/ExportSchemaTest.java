package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cwo.CwoException;
import dev.cwo.spi.MetricTracker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON export against its documented JSON Schema, and read back. */
class ExportSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MetricRegistry registry = new MetricRegistry();
  private final FakeClock clock = new FakeClock();
  private final DropwizardMetricTracker tracker =
      DropwizardMetricTracker.builder(registry).clock(clock).build();
  private final PerformanceMonitor monitor = PerformanceMonitor.of(tracker);

  private static Schema schema() throws IOException {
    try (InputStream in = ExportSchemaTest.class.getResourceAsStream(JsonExport.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema resource " + JsonExport.SCHEMA_RESOURCE).isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  private void recordSome() {
    for (int i = 1; i <= 5; i++) {
      try (MetricTracker.Scope s = tracker.start("site.fitment-page")) {
        clock.advanceMillis(i * 10L);
        if (i == 5) s.failed(new IllegalStateException("503"));
      }
    }
    try (MetricTracker.Scope s = tracker.start("odd \"name\"\\ with\ttab")) {
      clock.advanceMillis(3);
    }
    tracker.count("site.fitment-page.status.2xx", 4);
    tracker.record("store.write.batch-size", 10);
    tracker.record("store.write.batch-size", 30);
    tracker.gauge("tasks.queued", () -> 12);
    registry.timer("cwo-store.pool.Wait").update(java.time.Duration.ofMillis(2));
    registry.register("broken", (com.codahale.metrics.Gauge<Long>) () -> {
      throw new IllegalStateException("gone");
    });
    registry.register("ratio", (com.codahale.metrics.Gauge<Double>) () -> Double.NaN);
    monitor.registerJvmMetrics();
  }

  @Test
  @DisplayName("an export with operations, threads, distributions, counters and every kind of gauge is valid")
  void exportIsValid(@TempDir Path dir) throws IOException {
    recordSome();
    Path file = dir.resolve("m.json");
    monitor.exportJson(file);

    List<Error> errors = schema().validate(MAPPER.readTree(file.toFile()));
    assertThat(errors).isEmpty();
    JsonNode root = MAPPER.readTree(file.toFile());
    JsonNode batch = root.path("distributions").path("cwo.store.write.batch-size");
    assertThat(batch.path("count").asLong()).isEqualTo(2);
    assertThat(batch.path("mean").asDouble()).isEqualTo(20.0);
    assertThat(batch.path("min").asDouble()).isEqualTo(10.0);
    assertThat(batch.path("max").asDouble()).isEqualTo(30.0);
    assertThat(root.path("distributions").path("cwo-store.pool.Wait").path("unit").asText()).isEqualTo("ms");
    assertThat(root.path("distributions").path("cwo-store.pool.Wait").path("max").asDouble()).isEqualTo(2.0);
    assertThat(root.path("distributions").has("cwo.op.site.fitment-page")).as("op timers are operations").isFalse();
  }

  @Test
  @DisplayName("the schema rejects an export with a wrong field, so the test above can fail")
  void schemaRejectsBadExports(@TempDir Path dir) throws IOException {
    recordSome();
    Path file = dir.resolve("m.json");
    monitor.exportJson(file);
    Schema schema = schema();
    ObjectNode root = (ObjectNode) MAPPER.readTree(file.toFile());

    ObjectNode negative = root.deepCopy();
    ((ObjectNode) negative.path("operations").path("site.fitment-page")).put("count", -1);
    assertThat(schema.validate(negative)).isNotEmpty();

    ObjectNode missing = root.deepCopy();
    missing.remove("threads");
    assertThat(schema.validate(missing)).isNotEmpty();

    ObjectNode wrongSchema = root.deepCopy();
    wrongSchema.put("schema", "cwo-metrics/2");
    assertThat(schema.validate(wrongSchema)).isNotEmpty();
  }

  @Test
  @DisplayName("readJson gives back the snapshot that was written, and the same report")
  void roundTrip(@TempDir Path dir) {
    recordSome();
    registry.remove("broken"); // read again later, these would differ only in value
    registry.removeMatching((name, metric) -> name.startsWith("jvm."));
    Path file = dir.resolve("m.json");
    MetricsSnapshot written = monitor.snapshot();
    written.writeJson(file);

    MetricsSnapshot read = MetricsSnapshot.readJson(file);

    assertThat(read.operations()).isEqualTo(written.operations());
    assertThat(read.threads()).isEqualTo(written.threads());
    assertThat(read.distributions()).isEqualTo(written.distributions());
    assertThat(read.counters()).isEqualTo(written.counters());
    assertThat(read.reportLines()).isEqualTo(written.reportLines());
  }

  @Test
  @DisplayName("readJson names the file and what is wrong with it")
  void readErrors(@TempDir Path dir) throws IOException {
    Path notJson = Files.writeString(dir.resolve("a.json"), "{oops");
    assertThatThrownBy(() -> MetricsSnapshot.readJson(notJson)).isInstanceOf(CwoException.class)
        .hasMessageContaining(notJson.toString()).hasMessageContaining("not JSON");
    Path other = Files.writeString(dir.resolve("b.json"), "{\"schema\": \"something-else\"}");
    assertThatThrownBy(() -> MetricsSnapshot.readJson(other))
        .hasMessageContaining("not a cwo metrics export").hasMessageContaining("something-else");
    Path noCount = Files.writeString(dir.resolve("c.json"), """
        {"schema":"cwo-metrics/1","timestamp":"2025-01-01T00:00:00Z",
         "overall":{"operations":1,"errors":0,"errorRate":0,"elapsedMillis":1,"opsPerSecond":1},
         "operations":{"x":{"errors":0}},"threads":{},"counters":{},"gauges":{}}""");
    assertThatThrownBy(() -> MetricsSnapshot.readJson(noCount))
        .hasMessageContaining("operations.x.count is missing");
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> MetricsSnapshot.readJson(missing)).hasMessageContaining(missing.toString());
  }
}
