package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.AxleFit;
import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: PostgreSQL batches go out as multi-row upserts (reWriteBatchedInserts), and one
 * such statement may not touch a row twice. A batch holding the same vehicle, combination, tree
 * level or failure twice must still store it as two upserts in a row would: the later value wins,
 * a failure's attempts add up.
 */
class DuplicatesInOneBatchTest {
  @TempDir Path dir;

  @Test
  void sqliteStoresDuplicatesAsSuccessiveUpserts() {
    try (JooqCombinationStore store =
        JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("cwo.db")).build()) {
      check(store);
    }
  }

  @Test
  void postgresStoresDuplicatesAsSuccessiveUpserts() throws Exception {
    PostgresCombinationStoreTest.requireServer();
    String schema = "cwo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (JooqCombinationStore store = JooqCombinationStore.builder()
        .jdbcUrl(PostgresCombinationStoreTest.URL).username(PostgresCombinationStoreTest.USER)
        .schema(schema).build()) {
      check(store);
    } finally {
      try (Connection c = DriverManager.getConnection(
              PostgresCombinationStoreTest.URL, PostgresCombinationStoreTest.USER, "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void check(JooqCombinationStore store) {
    VehicleKey key = new VehicleKey(2025, "Acura", "ADX", "Base", "AWD");
    Vehicle first = new Vehicle(key, VehicleStatus.OK, "1", "Truck", null, null, null, null, null,
        null, null, false, "{\"v\":1}");
    Vehicle later = new Vehicle(key, VehicleStatus.OK, "2", "Truck", null, null, null, null, null,
        null, null, false, "{\"v\":2}");
    CombinationKey ck = new CombinationKey(key, new FitmentOption("Stock", "None", "No rubbing"));
    Fitment f1 = fitment(ck, "18");
    Fitment f2 = fitment(ck, "19");
    List<String> path = List.of("2025", "Acura");
    Instant t0 = Instant.ofEpochMilli(1_000);
    Instant t1 = Instant.ofEpochMilli(2_000);
    FailureRecord e1 = new FailureRecord(TreeLevel.MODELS, path, "A", "first", 1, t0, t0);
    FailureRecord e2 = new FailureRecord(TreeLevel.MODELS, path, "B", "later", 2, t1, t1);

    store.write(new WriteBatch(List.of(first, later), List.of(f1, f2), List.of(),
        List.of(new CachedLevel(TreeLevel.MODELS, path, List.of("X")),
            new CachedLevel(TreeLevel.MODELS, path, List.of("Y"))),
        List.of()));
    store.write(new WriteBatch(List.of(), List.of(), List.of(), List.of(), List.of(e1, e2)));

    assertThat(store.findVehicles(List.of(key)).get(key).chassisId()).isEqualTo("2");
    assertThat(store.fitmentCount()).isEqualTo(1);
    store.forEachFitment(f -> assertThat(f).isEqualTo(f2));
    assertThat(store.cachedLevel(TreeLevel.MODELS, path)).contains(List.of("Y"));
    assertThat(store.failures()).containsExactly(
        new FailureRecord(TreeLevel.MODELS, path, "B", "later", 3, t0, t1));
  }

  private static Fitment fitment(CombinationKey key, String max) {
    SizeRange d = new SizeRange("17\" to " + max + "\"", new BigDecimal("17"), new BigDecimal(max));
    AxleFit axle = new AxleFit(d, null, null);
    return new Fitment(key, axle, axle, false, "5x4.5", "5x114.3");
  }
}
