package dev.cwo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.EndpointKind;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A separate JVM scrapes a ~1,650-vehicle catalog into SQLite and is killed with {@code
 * destroyForcibly} at five random moments; each restart resumes. The final store must equal the
 * site's ground truth, and pages fetched twice must stay within what can be in flight or unwritten
 * at a kill.
 */
class CrashResumeTest {
  private static final int WORKERS = 16;

  @TempDir Path dir;

  @Test
  @DisplayName("killed five times with destroyForcibly, the scrape resumes and ends exact")
  void killedFiveTimesEndsExact() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("crash.db");
    Random random = new Random(20261128);
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.medium(5)).build().start()) {
      long total = site.groundTruth().fitmentCount();
      int kills = 0;
      for (int i = 0; i < 5; i++) {
        int killAfter = 300 + random.nextInt((int) (total / 8));
        Process p = start(site, db, i);
        String last = readUntil(p, killAfter);
        if (last.startsWith("done")) {
          break; // finished before the kill point: nothing left to kill
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        kills++;
      }
      Process finalRun = start(site, db, 9);
      String last = readUntil(finalRun, Long.MAX_VALUE);
      assertThat(finalRun.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(last).isEqualTo("done COMPLETE");
      assertThat(kills).as("runs killed mid-scrape").isEqualTo(5);

      long duplicates = site.stats().duplicateFetches(EndpointKind.FITMENT_PAGE);
      System.out.printf("crash test: %d pages in the catalog, %d fetched, %d fetched twice over %d kills%n",
          total, site.stats().requests(EndpointKind.FITMENT_PAGE), duplicates, kills);
      // at a kill, at most the writer's queue (4 batches), the batch being written and the pages
      // in flight are lost and fetched again
      assertThat(duplicates).isLessThanOrEqualTo(kills * (5L * 200 + WORKERS));

      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
        Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
        store.forEachVehicle(v -> vehicles.put(v.key(), v));
        assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
        List<Fitment> fitments = new ArrayList<>();
        store.forEachFitment(fitments::add);
        assertThat(fitments.size()).isEqualTo(total);
        assertThat(fitments).containsExactlyElementsOf(
            site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList());
        assertThat(store.failures()).isEmpty();
      }
    }
  }

  private Process start(SimulatedCwoSite site, String db, int run) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
            site.apiBase().toString(), site.storeBase().toString(), db, String.valueOf(WORKERS))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("worker-" + run + ".log").toFile()))
        .start();
  }

  /** Reads the worker's lines until it reports {@code pages} fetched, or ends; returns the last line. */
  private static String readUntil(Process p, long pages) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    String last = "";
    while ((line = in.readLine()) != null) {
      last = line;
      if (line.startsWith("progress ") && Long.parseLong(line.substring(9)) >= pages) break;
      if (line.startsWith("done")) break;
    }
    return last;
  }
}
