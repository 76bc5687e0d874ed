package dev.cwo.examples;

import dev.cwo.MultithreadedProcessor;
import dev.cwo.ProcessResult;
import dev.cwo.UnitSelection;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import java.net.URI;

/**
 * An example of running cwo on PostgreSQL instead of the embedded SQLite file: only the store's
 * JDBC URL (and credentials) change. Use PostgreSQL for large runs and for several processes.
 */
public final class PostgresEmbedding {
  private PostgresEmbedding() {}

  /**
   * Scrapes everything the site at the given bases lists into a PostgreSQL database.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/cwo}
   * @param schema the schema to create and use, or {@code null} for the connection's default
   */
  public static ProcessResult scrape(URI apiBase, URI storeBase, String jdbcUrl, String user, String password, String schema) {
    JooqCombinationStore.Builder db = JooqCombinationStore.builder().jdbcUrl(jdbcUrl).username(user).password(password);
    if (schema != null) db.schema(schema);
    try (HttpClient5FetchClient http = HttpClient5FetchClient.builder().build();
        JooqCombinationStore store = db.build()) {
      return MultithreadedProcessor.builder()
          .source(CwoFitmentSource.builder().apiBase(apiBase).storeBase(storeBase).fetchClient(http).build())
          .store(store)
          .workers(16)
          .build()
          .process(UnitSelection.all());
    }
  }
}
