package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.InvalidConfigurationException;
import dev.cwo.StoreException;
import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.WriteBatch;
import dev.cwo.testkit.contract.CombinationStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds the jOOQ store on a real SQLite file to the store contract, plus SQLite's own rules. */
class SqliteCombinationStoreTest extends CombinationStoreContract {
  @TempDir Path dir;

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("cwo.db");
  }

  @Override
  protected CombinationStore createStore() {
    return JooqCombinationStore.builder().jdbcUrl(url()).maximumPoolSize(8).build();
  }

  @Test
  @DisplayName("the file is in WAL mode with foreign keys enforced")
  void walMode() throws Exception {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      r.next();
      assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  @DisplayName("opening the same file again, or from two stores at once, migrates once and keeps the data")
  void migrationsAreRepeatable() throws Exception {
    store().write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(1), "c1"))));
    CompletableFuture<JooqCombinationStore> a = CompletableFuture.supplyAsync(() -> JooqCombinationStore.builder().jdbcUrl(url()).build());
    CompletableFuture<JooqCombinationStore> b = CompletableFuture.supplyAsync(() -> JooqCombinationStore.builder().jdbcUrl(url()).build());
    try (JooqCombinationStore first = a.get(); JooqCombinationStore second = b.get()) {
      assertThat(first.vehicleCount()).isEqualTo(1);
      assertThat(second.existingVehicles(List.of(vehicleKey(1)))).containsExactly(vehicleKey(1));
    }
  }

  @Test
  @DisplayName("a schema written by a newer cwo is refused with a StoreException, and nothing is changed")
  void newerSchemaRefused() throws Exception {
    Path file = dir.resolve("newer.db");
    JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + file).build().close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
          + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
          + " 'V99__future.sql', 0, 'test', 0, 1)");
    }
    assertThatThrownBy(() -> JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + file).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer");
  }

  @Test
  @DisplayName("a database that cannot be opened gives a StoreException naming it")
  void unopenable() throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    String bad = "jdbc:sqlite:" + notADir.resolve("sub/cwo.db");
    assertThatThrownBy(() -> JooqCombinationStore.builder().jdbcUrl(bad).connectionTimeout(java.time.Duration.ofMillis(500)).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(bad);
  }

  @Test
  @DisplayName("bad settings are all named at build()")
  void badSettings() {
    assertThatThrownBy(() -> JooqCombinationStore.builder().jdbcUrl("jdbc:mysql://x/y?password=secret")
            .maximumPoolSize(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:")
        .hasMessageContaining("maximumPoolSize must be 1..1000, was 0")
        .hasMessageNotContaining("secret");
  }
}
