package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.FailureRecord;
import dev.cwo.TreeLevel;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.spi.WriteBatch;
import dev.cwo.testkit.SiteFaults;
import dev.cwo.testkit.SiteHost;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The exit codes that come from how a run ended, driven through the command line against the
 * simulated site: 4 when the bot wall blocks the run, 3 when it completes with items that failed.
 */
class OutcomeExitCodesTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  @DisplayName("a bot wall on the store host: scrape stops BLOCKED with exit code 4 and says so")
  void blockedExitsWithFour() {
    String db = "jdbc:sqlite:" + dir.resolve("blocked.db");
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(5))
        .faults(SiteFaults.builder().wall(SiteHost.STORE, true).build()).build().start()) {
      int code = run("scrape", "--api-base", site.apiBase().toString(), "--store-base", site.storeBase().toString(),
          "--db", db, "--rate", "1000", "--workers", "4", "--quiet");

      assertThat(code).as(out + "\n" + err).isEqualTo(CwoCommand.BLOCKED).isEqualTo(4);
      assertThat(out.toString()).contains("outcome:       BLOCKED");
    }
  }

  @Test
  @DisplayName("an item that still fails on retry: failures --retry completes with failures, exit code 3")
  void completedWithFailuresExitsWithThree() {
    String db = "jdbc:sqlite:" + dir.resolve("failures.db");
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      // a make the site does not know: asking for its models again answers 404, a permanent failure
      store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(new FailureRecord(TreeLevel.MODELS, List.of("2024", "No Such Make"),
          "TransientFetchException", "HTTP 503 after 6 attempts", 6,
          Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z")))));
    }
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(5)).build().start()) {
      int code = run("failures", "--retry", "--db", db, "--api-base", site.apiBase().toString(),
          "--store-base", site.storeBase().toString(), "--rate", "1000");

      assertThat(code).as(out + "\n" + err).isEqualTo(CwoCommand.COMPLETED_WITH_FAILURES).isEqualTo(3);
      assertThat(out.toString()).contains("outcome:       COMPLETED_WITH_FAILURES");
    }
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      assertThat(store.failures()).as("the item is still in the journal, now with its 404")
          .singleElement().satisfies(f -> assertThat(f.message()).contains("404"));
    }
  }
}
