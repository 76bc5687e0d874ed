package dev.cwo.examples;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.ProcessResult;
import dev.cwo.UnitSelection;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.metrics.DropwizardMetricTracker;
import dev.cwo.metrics.PerformanceMonitor;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.testkit.SimulatedCwoSite;
import java.net.URI;
import java.nio.file.Path;

/**
 * The smallest complete use of cwo: the default parts, wired by hand, scraping into a SQLite file.
 *
 * <p>{@link #scrape} is what an application writes; {@link #main} runs it against the simulated
 * site so it works offline. Point {@code apiBase}/{@code storeBase} at
 * {@link CwoFitmentSource#DEFAULT_API_BASE}/{@link CwoFitmentSource#DEFAULT_STORE_BASE} for the
 * real site.
 */
public final class MinimalEmbedding {
  private MinimalEmbedding() {}

  /** Scrapes the given years from the site at the given bases into a SQLite file. */
  public static ProcessResult scrape(URI apiBase, URI storeBase, Path sqliteFile, int fromYear, int toYear) {
    MetricRegistry registry = new MetricRegistry();
    DropwizardMetricTracker metrics = DropwizardMetricTracker.of(registry);
    try (HttpClient5FetchClient http = HttpClient5FetchClient.builder().build();
        JooqCombinationStore store =
            JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + sqliteFile).build()) {
      MultithreadedProcessor processor =
          MultithreadedProcessor.builder()
              .source(
                  CwoFitmentSource.builder()
                      .apiBase(apiBase)
                      .storeBase(storeBase)
                      .fetchClient(http)
                      .metricTracker(metrics)
                      .build())
              .store(store)
              .metricTracker(metrics)
              .workers(8)
              .build();
      ProcessResult result = processor.process(UnitSelection.years(fromYear, toYear));
      PerformanceMonitor.of(metrics).report(System.out);
      return result;
    }
  }

  /** Runs {@link #scrape} against the simulated site into {@code cwo-example.db}. */
  public static void main(String[] args) {
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().build().start()) {
      ProcessResult result =
          scrape(site.apiBase(), site.storeBase(), Path.of("cwo-example.db"), 1900, 2100);
      System.out.println(result.summary());
    }
  }
}
