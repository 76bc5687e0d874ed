package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line's answers to bad flags and an unusable database, and {@code --no-fitments}. */
class CliUsageTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @ParameterizedTest(name = "cwo {0}")
  @CsvSource(delimiter = '|', value = {
    "scrape --bogus                | Unknown option: '--bogus'                        | cwo scrape --help",
    "scrape --workers many         | Invalid value for option '--workers': 'many'     | cwo scrape --help",
    "scrape --workers              | Missing required parameter for option '--workers' | cwo scrape --help",
    "demo --catalog huge           | --catalog must be small, medium or large, was 'huge' | cwo demo --help",
    "demo --rate 0                 | rate must be above 0, was 0.0 (flag)             | cwo demo --help",
    "export --format xml           | Invalid value for option '--format'              | cwo export --help",
    "export --what wheels          | expected one of [vehicles, combinations]         | cwo export --help",
    "frobnicate                    | Unmatched argument at index 0: 'frobnicate'      | cwo --help",
    "scrape --years 2026-2015      | --years must be YEAR or FROM-TO                  | cwo scrape --help",
  })
  @DisplayName("bad flags: exit code 2, a message naming what was wrong, and where help is")
  void badFlags(String args, String message, String hint) {
    int code = run(args.trim().split(" +"));

    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("cwo: ")
        .contains(message.trim())
        .contains("Try '" + hint.trim() + "' for more information.");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  @DisplayName("a mistyped option gets a suggestion")
  void suggestion() {
    assertThat(run("scrape", "--worker", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("--workers");
  }

  @Test
  @DisplayName("a database that cannot be used: exit code 6 and a message naming it")
  void databaseUnavailable() throws Exception {
    String pg = "jdbc:postgresql://127.0.0.1:1/cwo"; // nothing listens on port 1
    assertThat(run("export", "--db", pg)).isEqualTo(CwoCommand.DATABASE_UNAVAILABLE);
    assertThat(err.toString()).contains("cwo: cannot open the database " + pg);

    Path notADir = Files.writeString(dir.resolve("file"), "x");
    String sqlite = "jdbc:sqlite:" + notADir.resolve("cwo.db");
    err.getBuffer().setLength(0);
    assertThat(run("failures", "--db", sqlite)).isEqualTo(CwoCommand.DATABASE_UNAVAILABLE);
    assertThat(err.toString()).contains(sqlite);

    err.getBuffer().setLength(0);
    assertThat(run("demo", "--db", sqlite, "--quiet")).isEqualTo(CwoCommand.DATABASE_UNAVAILABLE);
    assertThat(err.toString()).contains(sqlite);

    err.getBuffer().setLength(0);
    assertThat(run("export", "--db", "jdbc:mysql://127.0.0.1/cwo")).isEqualTo(2);
    assertThat(err.toString()).contains("jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:");
  }

  @Test
  @DisplayName("--no-fitments stops at the vehicle records; a rerun without it fetches the combinations and ends exact")
  void noFitments() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(8)).seed(2).build().start()) {
      String db = "jdbc:sqlite:" + dir.resolve("nofit.db");
      String[] base = {"scrape", "--api-base", site.apiBase().toString(), "--store-base", site.storeBase().toString(),
          "--db", db, "--workers", "8", "--rate", "2000", "--quiet"};
      List<String> first = new ArrayList<>(List.of(base));
      first.add("--no-fitments");

      assertThat(run(first.toArray(String[]::new))).as(out + "\n" + err).isZero();
      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
        assertThat(store.vehicleCount()).isEqualTo(site.groundTruth().vehicles().size());
        assertThat(store.fitmentCount()).isZero();
      }
      long vehiclePagesBefore = site.stats().requests(dev.cwo.testkit.EndpointKind.VEHICLE);

      assertThat(run(base)).as(out + "\n" + err).isZero();
      assertThat(site.stats().requests(dev.cwo.testkit.EndpointKind.VEHICLE)).isEqualTo(vehiclePagesBefore);
      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
        Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
        store.forEachVehicle(v -> vehicles.put(v.key(), v));
        assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
        List<Fitment> fitments = new ArrayList<>();
        store.forEachFitment(fitments::add);
        assertThat(fitments).containsExactlyElementsOf(
            site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList());
      }
    }
  }
}
