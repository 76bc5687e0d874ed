package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Everything exported, read back with a CSV or JSON parser, equals what is stored: every awkward
 * name (quotes, commas, CR/LF, tabs, leading spaces, non-ASCII, emoji), every column, in both
 * formats and for both tables.
 */
class ExportRoundTripTest {
  private static final List<String> NAMES = List.of(
      "Rolls, \"Royce\"", "Line\nBreak", "CR\r\nLF", "\"quoted\"", " leading space", "tab\there",
      "Škoda Citroën Ærø", "日本語 & (Sub) +", "Emoji 🚗💨", "A/B %20 C", "semi;colon", "''single''");

  @TempDir Path dir;
  private String db;
  private final List<Vehicle> vehicles = new ArrayList<>();
  private final List<Fitment> fitments = new ArrayList<>();

  @BeforeEach
  void fill() {
    db = "jdbc:sqlite:" + dir.resolve("x.db");
    for (int i = 0; i < NAMES.size(); i++) {
      String n = NAMES.get(i);
      VehicleKey k = new VehicleKey(2000 + i, n, n + " model", "trim " + n, n.strip());
      vehicles.add(i % 4 == 3 ? Vehicle.noData(k, "{\"n\":\"" + i + "\"}")
          : new Vehicle(k, VehicleStatus.OK, "ch" + i, "Car " + n, i % 2 == 0 ? null : "Body, " + n, "5x4.5",
              "5x114.3", "64.10", "nut", "1/2\"-20", "225/45R18", i % 3 == 0 ? null : i % 3 == 1,
              "{\"name\":\"" + n.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                  .replace("\t", "\\t") + "\"}"));
      if (i % 4 == 3) continue;
      for (int o = 0; o < 2; o++) {
        AxleFit front = new AxleFit(
            new SizeRange("19\" to 22\"", new BigDecimal("19"), new BigDecimal("22")),
            o == 0 ? null : new SizeRange("7.5\" to ", new BigDecimal("7.5"), null),
            new SizeRange("-12.5mm to 35mm", new BigDecimal("-12.5"), new BigDecimal("35")));
        AxleFit rear = o == 0 ? front : new AxleFit(null, new SizeRange(" to 10.25\"", null, new BigDecimal("10.25")), null);
        fitments.add(new Fitment(new CombinationKey(k, new FitmentOption(n, "Mod, \"" + o + "\"", "Rub\n" + o)),
            front, rear, o == 1, o == 0 ? null : "5x4.5", "5x114.3 " + n));
      }
    }
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      store.write(new WriteBatch(vehicles, fitments, List.of(), List.of(), List.of()));
    }
  }

  private Path export(String format, String what) {
    Path file = dir.resolve(what + "." + format);
    StringWriter err = new StringWriter();
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("export", "--db", db, "--format", format, "--what", what, "-o", file.toString());
    assertThat(code).as(err.toString()).isZero();
    return file;
  }

  private static List<Map<String, String>> csv(Path file) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
        Map<String, String> row = new java.util.LinkedHashMap<>();
        rec.toMap().forEach((k, v) -> row.put(k, v.isEmpty() ? null : v)); // empty cell: not given
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Map<String, String>> jsonl(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode n = json.readTree(line);
      Map<String, String> row = new java.util.LinkedHashMap<>();
      n.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      rows.add(row);
    }
    return rows;
  }

  private static VehicleKey key(Map<String, String> r) {
    return new VehicleKey(Integer.parseInt(r.get("year")), r.get("make"), r.get("model"), r.get("trim"), r.get("drive"));
  }

  private static Vehicle vehicle(Map<String, String> r) {
    if (r.get("status").equals("no_data")) return Vehicle.noData(key(r), r.get("raw_json"));
    String staggered = r.get("staggered");
    return new Vehicle(key(r), VehicleStatus.OK, r.get("chassis_id"), r.get("vehicle_type"), r.get("body_type"),
        r.get("bolt_pattern_inch"), r.get("bolt_pattern_mm"), r.get("hub_bore_mm"), r.get("lug_type"),
        r.get("lug_size"), r.get("stock_tire_size"), staggered == null ? null : Boolean.valueOf(staggered),
        r.get("raw_json"));
  }

  private static Fitment fitment(Map<String, String> r) {
    return new Fitment(
        new CombinationKey(key(r), new FitmentOption(r.get("suspension"), r.get("modification"), r.get("rubbing"))),
        new AxleFit(range(r, "front_diameter"), range(r, "front_width"), range(r, "front_offset")),
        new AxleFit(range(r, "rear_diameter"), range(r, "rear_width"), range(r, "rear_offset")),
        Boolean.parseBoolean(r.get("staggered")), r.get("bolt_pattern_inch"), r.get("bolt_pattern_mm"));
  }

  private static SizeRange range(Map<String, String> r, String column) {
    String text = r.get(column + "_text");
    if (text == null) return null;
    String min = r.get(column + "_min");
    String max = r.get(column + "_max");
    return new SizeRange(text, min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max));
  }

  private void assertRoundTrip(String format, Function<Path, List<Map<String, String>>> parse) {
    List<Map<String, String>> vRows = parse.apply(export(format, "vehicles"));
    assertThat(vRows).allSatisfy(r -> assertThat(r.keySet()).containsExactlyElementsOf(ExportCommand.VEHICLE_COLUMNS));
    assertThat(vRows.stream().map(ExportRoundTripTest::vehicle).toList()).containsExactlyInAnyOrderElementsOf(vehicles);

    List<Map<String, String>> fRows = parse.apply(export(format, "combinations"));
    assertThat(fRows).allSatisfy(r -> assertThat(r.keySet()).containsExactlyElementsOf(ExportCommand.COMBINATION_COLUMNS));
    assertThat(fRows.stream().map(ExportRoundTripTest::fitment).toList()).containsExactlyInAnyOrderElementsOf(fitments);
  }

  @Test
  @DisplayName("CSV: every vehicle and combination, awkward names included, reads back equal to the store")
  void csvRoundTrip() {
    assertRoundTrip("csv", file -> {
      try {
        return csv(file);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  @DisplayName("JSON Lines: every vehicle and combination, awkward names included, reads back equal to the store")
  void jsonLinesRoundTrip() {
    assertRoundTrip("jsonl", file -> {
      try {
        return jsonl(file);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }
}
