package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.spi.WriteBatch;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportAndFailuresCommandTest {
  @TempDir Path dir;

  private String db;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final VehicleKey key = new VehicleKey(2024, "Rolls, \"Royce\"", "Line\nBreak", "Škoda ü 🚗", "A/B + C%");
  private final Fitment fitment = new Fitment(
      new CombinationKey(key, new FitmentOption("Lift 2.5\"", "Trim, \"lots\"", "Rubs")),
      new AxleFit(new SizeRange("19\" to 22\"", new BigDecimal("19"), new BigDecimal("22")), null,
          new SizeRange("-12mm to 35mm", new BigDecimal("-12"), new BigDecimal("35"))),
      new AxleFit(null, new SizeRange("7.5\" to ", new BigDecimal("7.5"), null), null),
      true, "5x4.5", "5x114.3");

  @BeforeEach
  void fill() {
    db = "jdbc:sqlite:" + dir.resolve("x.db");
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      Vehicle v = new Vehicle(key, VehicleStatus.OK, "9", "Car", null, "5x4.5", "5x114.3", "64.1",
          "nut", "12x1.5", null, true, "{\"make\":\"Rolls, \\\"Royce\\\"\"}");
      store.write(new WriteBatch(List.of(v), List.of(fitment), List.of(), List.of(),
          List.of(new FailureRecord(TreeLevel.MODELS, List.of("2024", "Bad, Make"), "TransientFetchException",
              "HTTP 503 after 6 attempts", 6, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z")))));
    }
  }

  private int run(String... args) {
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  @DisplayName("CSV export: names with quotes, commas, newlines and non-ASCII survive a round trip")
  void csvRoundTrip() throws Exception {
    Path file = dir.resolve("c.csv");
    assertThat(run("export", "--db", db, "--format", "csv", "--what", "combinations", "-o", file.toString())).as(err.toString()).isZero();

    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
    assertThat(rows).hasSize(1);
    CSVRecord row = rows.get(0);
    assertThat(row.toMap().keySet()).containsExactlyElementsOf(ExportCommand.COMBINATION_COLUMNS);
    assertThat(row.get("make")).isEqualTo(key.make());
    assertThat(row.get("model")).isEqualTo(key.model());
    assertThat(row.get("trim")).isEqualTo(key.trim());
    assertThat(row.get("drive")).isEqualTo(key.drive());
    assertThat(row.get("modification")).isEqualTo("Trim, \"lots\"");
    assertThat(row.get("front_diameter_text")).isEqualTo("19\" to 22\"");
    assertThat(row.get("front_offset_min")).isEqualTo("-12");
    assertThat(row.get("front_width_text")).isEmpty();
    assertThat(row.get("rear_width_max")).isEmpty();
    assertThat(row.get("staggered")).isEqualTo("true");
  }

  @Test
  @DisplayName("JSON Lines export of vehicles: one object per line with the documented keys")
  void jsonLines() throws Exception {
    Path file = dir.resolve("v.jsonl");
    assertThat(run("export", "--db", db, "--format", "jsonl", "--what", "vehicles", "-o", file.toString())).isZero();

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    JsonNode v = new ObjectMapper().readTree(lines.get(0));
    List<String> keys = new java.util.ArrayList<>();
    v.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyElementsOf(ExportCommand.VEHICLE_COLUMNS);
    assertThat(v.get("make").asText()).isEqualTo(key.make());
    assertThat(v.get("model").asText()).isEqualTo("Line\nBreak");
    assertThat(v.get("trim").asText()).isEqualTo("Škoda ü 🚗");
    assertThat(v.get("raw_json").asText()).isEqualTo("{\"make\":\"Rolls, \\\"Royce\\\"\"}");
  }

  @Test
  @DisplayName("cwo failures lists the failure journal with level, path, error and attempts")
  void listsFailures() {
    assertThat(run("failures", "--db", db)).isZero();
    assertThat(out.toString())
        .contains("MODELS")
        .contains("2024 / Bad, Make")
        .contains("TransientFetchException x6")
        .contains("HTTP 503 after 6 attempts")
        .contains("1 failure(s)");
  }
}
