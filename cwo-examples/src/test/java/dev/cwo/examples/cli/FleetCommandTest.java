package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cwo scrape --coordinate} and {@code cwo status}, in-process. The PostgreSQL test skips
 * without a server at {@code 127.0.0.1:5432} unless {@code CWO_REQUIRE_PG=1}.
 */
class FleetCommandTest {
  static final String PG = System.getProperty("cwo.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("cwo.pg.user", "postgres");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String schema;

  private int run(String... args) {
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** A fresh schema, created up front (the URL's currentSchema must exist), or a skip/fail without a server. */
  static String freshSchema() {
    String schema = "cwo_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG, USER, ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String why = "PostgreSQL is not reachable at " + PG + " as " + USER + ": " + e.getMessage();
      if ("1".equals(System.getenv("CWO_REQUIRE_PG"))) Assertions.fail(why + " (CWO_REQUIRE_PG=1)");
      Assumptions.abort(why + "; skipping (set CWO_REQUIRE_PG=1 to fail instead)");
    }
    return schema;
  }

  static String url(String schema) {
    return PG + "?user=" + USER + "&currentSchema=" + schema;
  }

  static void dropSchema(String schema) throws SQLException {
    if (schema == null) return;
    try (Connection c = DriverManager.getConnection(PG, USER, ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    dropSchema(schema);
  }

  @Test
  @DisplayName("--coordinate and status refuse a database that is not PostgreSQL, with the usage code, saying why")
  void coordinateNeedsPostgres() {
    assertThat(run("scrape", "--coordinate", "--db", "jdbc:sqlite:fleet.db")).isEqualTo(2);
    assertThat(err.toString()).contains("--coordinate needs a PostgreSQL database").contains("jdbc:sqlite:fleet.db");

    assertThat(run("scrape", "--owner", "me")).isEqualTo(2);
    assertThat(err.toString()).contains("--owner needs --coordinate");

    assertThat(run("status", "--db", "jdbc:sqlite:fleet.db")).isEqualTo(2);
    assertThat(err.toString()).contains("status needs the fleet's PostgreSQL database");

    assertThat(run("scrape", "--coordinate", "--db", url("x"), "--lease", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--lease must be 1..3600 seconds");

    assertThat(run("status", "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=hush"))
        .as("a database that cannot be reached").isEqualTo(CwoCommand.DATABASE_UNAVAILABLE);
    assertThat(err.toString()).contains("cannot read the fleet's work table").doesNotContain("hush");
  }

  @Test
  @DisplayName("status shows each lease with its owner and end, parked units with their error, and the members' shares")
  void statusShowsLeasesParkedAndMembers() throws Exception {
    schema = freshSchema();
    String db = url(schema);
    try (dev.cwo.db.PostgresLeaseCoordinator a = dev.cwo.db.PostgresLeaseCoordinator.builder().jdbcUrl(db)
            .ownerId("owner-a").claimBatch(1).rateBudget(7, share -> {}).build()) {
      a.offer(java.util.List.of(new dev.cwo.YearMake(2026, "Rolls & Royce"), new dev.cwo.YearMake(2025, "Škoda"),
          new dev.cwo.YearMake(2024, "Parked Motors")));
      a.claim().orElseThrow();
      try (Connection c = DriverManager.getConnection(PG, USER, ""); Statement s = c.createStatement()) {
        s.execute("UPDATE " + schema + ".work_unit SET state = 'parked', attempts = 3,"
            + " last_error = 'its lease expired after 3 attempt(s)' WHERE make = 'Parked Motors'");
      }

      assertThat(run("status", "--db", db)).as(err.toString()).isZero();

      assertThat(out.toString())
          .contains("units:    1 pending, 1 leased, 0 done, 1 parked")
          .containsPattern("leased  2026 Rolls & Royce +by owner-a until 20\\d\\d-.*\\(in \\d+\\.\\d s\\), attempt 1")
          .contains("parked  2024 Parked Motors").contains("after 3 attempt(s): its lease expired after 3 attempt(s)")
          .contains("members:  1 live; fleet budget 7.00 requests/s per host, shares in use 7.00")
          .containsPattern("owner-a +\\S+ pid \\d+, share 7.00 requests/s per host, last seen \\d+\\.\\d s ago");
    }
  }

  @Test
  @DisplayName("scrape --coordinate joins a fleet, finishes every unit exactly; status then shows them done and the fleet empty")
  void coordinatedScrapeAndStatus() throws Exception {
    schema = freshSchema();
    String db = url(schema);
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.builder().seed(3).years(2)
        .makesPerYear(3).modelsPerMake(2).trimsPerModel(2).drivesPerTrim(2).build()).build().start()) {
      int code = run("scrape", "--coordinate", "--owner", "cli-test", "--lease", "5", "--db", db,
          "--api-base", site.apiBase().toString(), "--store-base", site.storeBase().toString(),
          "--rate", "400", "--workers", "8", "--quiet");

      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("joined as cli-test").contains("400.00 of the fleet's 400.00")
          .contains("outcome:       COMPLETE");
      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
        assertThat(store.vehicleCount()).isEqualTo(site.groundTruth().vehicles().size());
        assertThat(store.fitmentCount()).isEqualTo(site.groundTruth().fitmentCount());
      }
      int units = site.groundTruth().units().size();

      out.getBuffer().setLength(0);
      assertThat(run("status", "--db", db)).as(err.toString()).isZero();

      assertThat(out.toString()).contains("units:    0 pending, 0 leased, " + units + " done, 0 parked")
          .contains("members:  0 live").doesNotContain("password");
    }
  }
}
