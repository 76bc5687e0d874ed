package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.StoreException;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jOOQ store given what it cannot store: a full disk, values that do not fit a column, a
 * closed store, a server nobody listens on. Each gives a {@link StoreException} that says what and
 * where, and the data stored before stays whole, with no part of the refused batch.
 */
class StoreBadInputTest {
  @TempDir Path dir;

  private static Vehicle vehicle(VehicleKey k) {
    return new Vehicle(k, VehicleStatus.OK, "ch", "Truck", "Pickup", "5x4.5", "5x114.3", "64.1", "nut",
        "12x1.5", "225/55R18", false, "{\"padding\":\"" + "x".repeat(200) + "\"}");
  }

  private static Fitment fitment(CombinationKey key, BigDecimal offsetMin) {
    AxleFit axle = new AxleFit(
        new SizeRange("18\" to 20\"", new BigDecimal("18"), new BigDecimal("20")),
        new SizeRange("7.5\" to 9.5\"", new BigDecimal("7.5"), new BigDecimal("9.5")),
        new SizeRange(offsetMin.toPlainString() + "mm to 45mm", offsetMin, new BigDecimal("45")));
    return new Fitment(key, axle, axle, false, "5x4.5", "5x114.3");
  }

  /** Batch {@code b}: 20 vehicles named after it, 3 combinations each. */
  private static WriteBatch batch(int b) {
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      VehicleKey k = key(b, i);
      vs.add(vehicle(k));
      for (int o = 0; o < 3; o++) {
        fs.add(fitment(new CombinationKey(k, new FitmentOption("Stock " + o, "None", "No rubbing")), BigDecimal.valueOf(o)));
      }
    }
    return new WriteBatch(vs, fs, List.of(key(b, 0)), List.of(), List.of());
  }

  private static VehicleKey key(int batch, int i) {
    return new VehicleKey(2000 + batch % 20, "Make " + batch, "Model " + i, "Base", "AWD");
  }

  private static List<VehicleKey> keysOf(int b) {
    List<VehicleKey> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) keys.add(key(b, i));
    return keys;
  }

  private static long pageCount(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA page_count")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  @DisplayName("SQLite: a full disk (max_page_count) refuses the batch whole, names the database, keeps every earlier batch")
  void fullDisk() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("full.db");
    JooqCombinationStore.builder().jdbcUrl(url).build().close(); // the schema, so its size is known
    long limit = pageCount(url) + 40;
    String limited = url + "?max_page_count=" + limit; // per connection: every pooled one gets it

    int stored = 0;
    StoreException full = null;
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(limited).maximumPoolSize(4).build()) {
      for (int b = 0; b < 1000 && full == null; b++) {
        try {
          store.write(batch(b));
          stored++;
        } catch (StoreException e) {
          full = e;
        }
      }
      assertThat(full).as("the database never filled up").isNotNull();
      System.out.printf("full disk after %d batches: %s%n", stored, full.getMessage());
      assertThat(stored).as("batches stored before the disk was full").isPositive();
      assertThat(full.getMessage())
          .contains("full")
          .contains(url)
          .contains("write of")
          .contains("nothing of the batch was stored");

      // the full store still answers reads exactly
      assertThat(store.vehicleCount()).isEqualTo(20L * stored);
      assertThat(store.fitmentCount()).isEqualTo(60L * stored);
      assertThat(store.existingVehicles(keysOf(stored))).as("vehicles of the refused batch").isEmpty();
    }

    // reopened without the limit: every acknowledged batch whole, none of the refused one, and it goes on
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(url).build()) {
      for (int b = 0; b < stored; b++) {
        assertThat(store.existingVehicles(keysOf(b))).as("batch %d", b).hasSize(20);
        assertThat(store.completedVehicles(List.of(key(b, 0)))).hasSize(1);
      }
      assertThat(store.existingVehicles(keysOf(stored))).isEmpty();
      assertThat(store.fitmentCount()).isEqualTo(60L * stored);
      store.write(batch(stored));
      assertThat(store.vehicleCount()).isEqualTo(20L * (stored + 1));
    }
  }

  @Test
  @DisplayName("SQLite: values that do not fit a column are refused before the database, naming item and column")
  void valuesThatDoNotFitOnSqlite() {
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("fit.db")).build()) {
      valuesThatDoNotFit(store);
    }
  }

  @Test
  @DisplayName("PostgreSQL: values that do not fit a column (NUMERIC(10,3), NUL in text) are refused whole, naming item and column")
  void valuesThatDoNotFitOnPostgres() throws Exception {
    PostgresCombinationStoreTest.requireServer();
    String schema = "cwo_bad_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(PostgresCombinationStoreTest.URL)
        .username(PostgresCombinationStoreTest.USER).schema(schema).maximumPoolSize(2).build()) {
      valuesThatDoNotFit(store);
      // the limit is the database's own: a bound at the edge fits
      VehicleKey k = new VehicleKey(2020, "Edge", "M", "T", "D");
      Fitment edge = fitment(new CombinationKey(k, new FitmentOption("S", "M", "R")), new BigDecimal("-9999999.999"));
      store.write(new WriteBatch(List.of(vehicle(k)), List.of(edge), List.of(), List.of(), List.of()));
      List<Fitment> back = new ArrayList<>();
      store.forEachFitment(f -> { if (f.key().vehicle().equals(k)) back.add(f); });
      assertThat(back).containsExactly(edge);
    } finally {
      try (Connection c = DriverManager.getConnection(PostgresCombinationStoreTest.URL, PostgresCombinationStoreTest.USER, "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private void valuesThatDoNotFit(JooqCombinationStore store) {
    store.write(batch(0));
    VehicleKey fresh = key(1, 0);
    CombinationKey combo = new CombinationKey(fresh, new FitmentOption("Stock", "None", "Rubs"));

    WriteBatch tooBig = new WriteBatch(List.of(vehicle(fresh)), List.of(fitment(combo, new BigDecimal("123456789"))),
        List.of(), List.of(), List.of());
    assertThatThrownBy(() -> store.write(tooBig))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("front_offset_min = 123456789 does not fit NUMERIC(10,3)")
        .hasMessageContaining(combo.toString())
        .hasMessageContaining("nothing of the batch was stored");

    WriteBatch tooPrecise = new WriteBatch(List.of(vehicle(fresh)), List.of(fitment(combo, new BigDecimal("1.2345"))),
        List.of(), List.of(), List.of());
    assertThatThrownBy(() -> store.write(tooPrecise))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("front_offset_min = 1.2345");

    VehicleKey nul = new VehicleKey(2020, "Bad\u0000Make", "M", "T", "D");
    assertThatThrownBy(() -> store.write(WriteBatch.ofVehicles(List.of(vehicle(fresh), vehicle(nul)))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("make holds a NUL character");

    assertThat(store.existingVehicles(List.of(fresh, nul))).isEmpty();
    assertThat(store.vehicleCount()).isEqualTo(20);
    assertThat(store.fitmentCount()).isEqualTo(60);
  }

  @Test
  @DisplayName("a closed store says which store is closed")
  void closedStore() {
    String url = "jdbc:sqlite:" + dir.resolve("closed.db");
    JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(url).build();
    store.close();

    assertThatThrownBy(() -> store.write(batch(0)))
        .isInstanceOf(StoreException.class).hasMessageContaining(url).hasMessageContaining("closed");
    assertThatThrownBy(store::vehicleCount)
        .isInstanceOf(StoreException.class).hasMessageContaining(url).hasMessageContaining("closed");
  }

  @Test
  @DisplayName("a PostgreSQL server nobody listens on gives a StoreException naming it, well within the connection timeout")
  void unreachableServer() {
    String url = "jdbc:postgresql://127.0.0.1:1/cwo"; // port 1: nothing listens there
    StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try {
        JooqCombinationStore.builder().jdbcUrl(url).username("cwo").password("secret")
            .connectionTimeout(Duration.ofSeconds(30)).build().close();
        return null;
      } catch (StoreException refused) {
        return refused;
      }
    });

    assertThat(e).as("the store opened on a port nobody listens on").isNotNull();
    assertThat(e.getMessage())
        .contains("cannot open the database " + url)
        .containsIgnoringCase("refused")
        .doesNotContain("secret");
  }
}
