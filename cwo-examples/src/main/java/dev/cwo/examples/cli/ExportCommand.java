package dev.cwo.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.Fitment;
import dev.cwo.SizeRange;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cwo export}: streams the stored vehicles or combinations as CSV (RFC 4180) or JSON Lines.
 *
 * <p>Columns, in this order (also the JSON Lines keys): vehicles — {@link #VEHICLE_COLUMNS};
 * combinations — {@link #COMBINATION_COLUMNS}. Empty cells are values the site did not give.
 * Numbers are plain decimals; texts are exactly as the site rendered them.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Export stored vehicles or combinations as CSV or JSON Lines, streaming.")
final class ExportCommand implements Callable<Integer> {
  static final List<String> KEY_COLUMNS = List.of("year", "make", "model", "trim", "drive");
  static final List<String> VEHICLE_COLUMNS = columns(KEY_COLUMNS, List.of(
      "status", "chassis_id", "vehicle_type", "body_type", "bolt_pattern_inch", "bolt_pattern_mm",
      "hub_bore_mm", "lug_type", "lug_size", "stock_tire_size", "staggered", "raw_json"));
  static final List<String> COMBINATION_COLUMNS = combinationColumns();

  enum Format { csv, jsonl }

  enum What { vehicles, combinations }

  @Spec CommandSpec spec;
  @ParentCommand CwoCommand root;

  @Option(names = "--db", description = "JDBC URL of the database (env CWO_DB; default: jdbc:sqlite:cwo.db).")
  String db;

  @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--what", defaultValue = "combinations", description = "vehicles or combinations (default: ${DEFAULT-VALUE}).")
  What what;

  @Option(names = {"-o", "--output"}, description = "File to write (default: standard output).")
  Path output;

  @Override
  public Integer call() throws IOException {
    String url = db != null ? db : root.env().getOrDefault("CWO_DB", "jdbc:sqlite:cwo.db");
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(url).build();
        OutputStream raw = output == null ? new NonClosing(System.out) : Files.newOutputStream(output);
        Writer writer = new OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
      List<String> header = what == What.vehicles ? VEHICLE_COLUMNS : COMBINATION_COLUMNS;
      Sink sink = format == Format.csv ? new CsvSink(writer, header) : new JsonLinesSink(writer, header);
      try {
        if (what == What.vehicles) store.forEachVehicle(v -> sink.row(vehicleRow(v)));
        else store.forEachFitment(f -> sink.row(fitmentRow(f)));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      sink.finish();
    }
    return 0;
  }

  static List<Object> vehicleRow(Vehicle v) {
    List<Object> row = keyRow(v.key());
    row.addAll(java.util.Arrays.asList(
        v.status().name().toLowerCase(java.util.Locale.ROOT), v.chassisId(), v.vehicleType(), v.bodyType(),
        v.boltPatternInch(), v.boltPatternMm(), v.hubBoreMm(), v.lugType(), v.lugSize(),
        v.stockTireSize(), v.staggered(), v.rawJson()));
    return row;
  }

  static List<Object> fitmentRow(Fitment f) {
    List<Object> row = keyRow(f.key().vehicle());
    row.add(f.key().option().suspension());
    row.add(f.key().option().modification());
    row.add(f.key().option().rubbing());
    row.add(f.staggered());
    row.add(f.boltPatternInch());
    row.add(f.boltPatternMm());
    for (SizeRange r : new SizeRange[] {
        f.front().diameter(), f.front().width(), f.front().offset(),
        f.rear().diameter(), f.rear().width(), f.rear().offset()}) {
      row.add(r == null ? null : r.text());
      row.add(r == null || r.min() == null ? null : r.min().stripTrailingZeros().toPlainString());
      row.add(r == null || r.max() == null ? null : r.max().stripTrailingZeros().toPlainString());
    }
    return row;
  }

  private static List<Object> keyRow(VehicleKey k) {
    return new ArrayList<>(List.of(k.year(), k.make(), k.model(), k.trim(), k.drive()));
  }

  private static List<String> combinationColumns() {
    List<String> c = new ArrayList<>(KEY_COLUMNS);
    c.addAll(List.of("suspension", "modification", "rubbing", "staggered", "bolt_pattern_inch", "bolt_pattern_mm"));
    for (String axle : List.of("front", "rear")) {
      for (String dim : List.of("diameter", "width", "offset")) {
        for (String part : List.of("text", "min", "max")) c.add(axle + "_" + dim + "_" + part);
      }
    }
    return List.copyOf(c);
  }

  private static List<String> columns(List<String> a, List<String> b) {
    List<String> c = new ArrayList<>(a);
    c.addAll(b);
    return List.copyOf(c);
  }

  private interface Sink {
    void row(List<Object> values);

    void finish() throws IOException;
  }

  private static final class CsvSink implements Sink {
    private final CSVPrinter printer;

    CsvSink(Writer w, List<String> header) throws IOException {
      printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build());
    }

    @Override
    public void row(List<Object> values) {
      try {
        printer.printRecord(values);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void finish() throws IOException {
      printer.flush();
    }
  }

  private static final class JsonLinesSink implements Sink {
    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Writer w;
    private final List<String> header;

    JsonLinesSink(Writer w, List<String> header) {
      this.w = w;
      this.header = header;
    }

    @Override
    public void row(List<Object> values) {
      Map<String, Object> obj = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) obj.put(header.get(i), values.get(i));
      try {
        w.write(json.writeValueAsString(obj));
        w.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void finish() throws IOException {
      w.flush();
    }
  }

  /** Standard output must stay open after the export. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
