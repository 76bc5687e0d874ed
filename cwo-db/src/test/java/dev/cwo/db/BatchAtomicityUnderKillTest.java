package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.CombinationKey;
import dev.cwo.VehicleKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer in a separate JVM ({@link BatchKillWorker}) writes batches in a loop and is killed with
 * {@code destroyForcibly} at random moments, six times. Every batch must then be in the database
 * whole (its marker vehicle, all its vehicles and combinations, its completion mark) or not at all,
 * and every batch the writer saw committed must be there.
 */
class BatchAtomicityUnderKillTest {
  private static final int KILLS = 6;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  @DisplayName("a writer killed mid-batch leaves each batch whole or absent")
  void killedWriterLeavesWholeBatches(String database) throws Exception {
    String url;
    String schema;
    if (database.equals("sqlite")) {
      url = "jdbc:sqlite:" + dir.resolve("kill.db");
      schema = "-";
    } else {
      PostgresCombinationStoreTest.requireServer();
      url = PostgresCombinationStoreTest.URL;
      schema = "cwo_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    try {
      Random random = new Random(4242);
      int acknowledged = -1;
      int killedWhileWriting = 0;
      for (int kill = 0; kill < KILLS; kill++) {
        Process p = start(url, schema, kill);
        int runAck = acknowledged;
        int target = acknowledged + 1 + random.nextInt(4);
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String last = "";
        while ((line = in.readLine()) != null) {
          last = line;
          if (line.startsWith("stored ")) {
            runAck = Integer.parseInt(line.substring(7));
            if (runAck >= target) break;
          }
        }
        assertThat(line).as("the writer ended by itself; see writer-%d.log", kill).isNotNull();
        p.destroyForcibly(); // it is already writing the next batch
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (last.startsWith("stored ")) killedWhileWriting++;
        acknowledged = runAck;
      }

      int whole = 0;
      try (JooqCombinationStore store = open(url, schema)) {
        for (int b = 0; b <= acknowledged + 2; b++) {
          boolean present = !store.existingVehicles(List.of(BatchKillWorker.marker(b))).isEmpty();
          List<VehicleKey> vehicles = new ArrayList<>();
          List<CombinationKey> combos = new ArrayList<>();
          var batch = BatchKillWorker.batch(b);
          batch.vehicles().forEach(v -> vehicles.add(v.key()));
          batch.fitments().forEach(f -> combos.add(f.key()));
          int expectVehicles = present ? vehicles.size() : 0;
          int expectCombos = present ? combos.size() : 0;
          assertThat(store.existingVehicles(vehicles)).as("vehicles of batch %d", b).hasSize(expectVehicles);
          assertThat(store.existingCombinations(combos)).as("combinations of batch %d", b).hasSize(expectCombos);
          assertThat(store.completedVehicles(List.of(BatchKillWorker.marker(b)))).hasSize(present ? 1 : 0);
          if (b <= acknowledged) assertThat(present).as("batch %d was acknowledged", b).isTrue();
          if (present) whole++;
        }
        long perBatch = BatchKillWorker.VEHICLES * (long) BatchKillWorker.OPTIONS;
        assertThat(store.fitmentCount()).isEqualTo(whole * perBatch);
        assertThat(store.vehicleCount()).isEqualTo(whole * (BatchKillWorker.VEHICLES + 1L));
      }
      System.out.printf("%s: %d kills (%d while a batch was being written), %d batches acknowledged, %d whole in the database%n",
          database, KILLS, killedWhileWriting, acknowledged + 1, whole);
      assertThat(whole).isBetween(acknowledged + 1, acknowledged + 1 + KILLS);
    } finally {
      if (!schema.equals("-")) {
        try (Connection c = DriverManager.getConnection(url, PostgresCombinationStoreTest.USER, "");
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private static JooqCombinationStore open(String url, String schema) {
    JooqCombinationStore.Builder b = JooqCombinationStore.builder().jdbcUrl(url).maximumPoolSize(2);
    if (!schema.equals("-")) b.username(PostgresCombinationStoreTest.USER).schema(schema);
    return b.build();
  }

  private Process start(String url, String schema, int run) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BatchKillWorker.class.getName(), url, schema)
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("writer-" + run + ".log").toFile()))
        .start();
  }
}
