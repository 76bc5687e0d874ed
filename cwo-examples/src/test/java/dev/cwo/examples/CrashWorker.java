package dev.cwo.examples;

import dev.cwo.MultithreadedProcessor;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.UnitSelection;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import java.net.URI;
import java.time.Duration;

/**
 * The scraping process of {@link CrashResumeTest}: scrapes the site at the given bases into a
 * database and prints {@code progress N} (pages fetched so far in this run) every few milliseconds,
 * then {@code done OUTCOME}. The test kills it with {@code destroyForcibly} at random moments.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) {
    URI api = URI.create(args[0]);
    URI store = URI.create(args[1]);
    String jdbcUrl = args[2];
    int workers = Integer.parseInt(args[3]);
    try (HttpClient5FetchClient http = HttpClient5FetchClient.builder().maxConnectionsPerRoute(workers).build();
        JooqCombinationStore db = JooqCombinationStore.builder().jdbcUrl(jdbcUrl).build()) {
      MultithreadedProcessor processor =
          MultithreadedProcessor.builder()
              .source(CwoFitmentSource.builder().apiBase(api).storeBase(store).fetchClient(http).build())
              .store(db)
              .workers(workers)
              .writeBatchSize(200)
              .progressInterval(Duration.ofMillis(20))
              .progressListener(s -> {
                System.out.println("progress " + s.level(TreeLevel.COMBINATIONS).done());
                System.out.flush();
              })
              .build();
      ProcessResult result = processor.process(UnitSelection.all());
      System.out.println("done " + result.outcome());
      System.out.flush();
    }
  }
}
