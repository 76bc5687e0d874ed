package dev.cwo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.InMemoryCombinationStore;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.UnitSelection;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every embedding example against the simulated site, as a user would. */
class EmbeddingExamplesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the minimal embedding scrapes the simulated site into SQLite")
  void minimal() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(2)).build().start()) {
      ProcessResult r = MinimalEmbedding.scrape(site.apiBase(), site.storeBase(), dir.resolve("m.db"), 1900, 2100);
      assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
      assertThat(r.fitmentsWritten()).isEqualTo(site.groundTruth().fitmentCount());
    }
  }

  @Test
  @DisplayName("a custom MetricTracker sees the processor's and the source's operations")
  void customTracker() {
    CountingMetricTracker tracker = new CountingMetricTracker();
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(2)).build().start();
        var http = dev.cwo.net.HttpClient5FetchClient.builder().build()) {
      ProcessResult r = MultithreadedProcessor.builder()
          .source(CwoFitmentSource.builder().apiBase(site.apiBase()).storeBase(site.storeBase())
              .fetchClient(http).metricTracker(tracker).build())
          .store(new InMemoryCombinationStore())
          .metricTracker(tracker)
          .workers(4)
          .build()
          .process(UnitSelection.all());
      assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
      assertThat(tracker.operations().get("task.combinations")).isEqualTo(site.groundTruth().fitmentCount());
      assertThat(tracker.operations()).containsKey("store.write");
      assertThat(tracker.operations().keySet()).anyMatch(k -> k.startsWith("site."));
    }
  }

  @Test
  @DisplayName("a swapped FetchClient (the JDK's HttpClient) scrapes the site exactly")
  void swappedFetchClient() {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(2)).build().start();
        JdkHttpFetchClient http = new JdkHttpFetchClient(null, 16 << 20, null)) {
      InMemoryCombinationStore store = new InMemoryCombinationStore();
      ProcessResult r = MultithreadedProcessor.builder()
          .source(CwoFitmentSource.builder().apiBase(site.apiBase()).storeBase(site.storeBase()).fetchClient(http).build())
          .store(store)
          .workers(8)
          .build()
          .process(UnitSelection.all());
      assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
      assertThat(store.fitmentCount()).isEqualTo(site.groundTruth().fitmentCount());
      assertThat(store.vehicleCount()).isEqualTo(site.groundTruth().vehicles().size());
    }
  }

  @Test
  @DisplayName("the PostgreSQL example scrapes into a PostgreSQL schema")
  void postgres() throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      if ("1".equals(System.getenv("CWO_REQUIRE_PG"))) Assertions.fail("PostgreSQL unreachable at " + url + " (CWO_REQUIRE_PG=1)", e);
      Assumptions.abort("PostgreSQL unreachable at " + url + ": " + e.getMessage() + "; skipping");
    }
    String schema = "cwo_example_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(2)).build().start()) {
      ProcessResult r = PostgresEmbedding.scrape(site.apiBase(), site.storeBase(), url, "postgres", "", schema);
      assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(url).username("postgres").schema(schema).build()) {
        assertThat(store.fitmentCount()).isEqualTo(site.groundTruth().fitmentCount());
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
