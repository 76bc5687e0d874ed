package dev.cwo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.StoreException;
import dev.cwo.TreeLevel;
import dev.cwo.UnitSelection;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.WriteBatch;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.contract.CombinationStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the example JSON Lines store to the store contract, checks that it repairs a torn tail left
 * by a crash without losing a committed batch, and scrapes the simulated site into it exactly.
 */
class JsonLinesCombinationStoreTest extends CombinationStoreContract {
  @TempDir Path dir;
  private int opened;

  @Override
  protected CombinationStore createStore() {
    return JsonLinesCombinationStore.open(dir.resolve("store-" + opened++));
  }

  private static List<Vehicle> readVehicles(CombinationStore s) {
    List<Vehicle> all = new ArrayList<>();
    s.forEachVehicle(all::add);
    return all;
  }

  private static List<Fitment> readFitments(CombinationStore s) {
    List<Fitment> all = new ArrayList<>();
    s.forEachFitment(all::add);
    return all;
  }

  /** Two committed batches: vehicles 0..9 with a fitment each, a level and a failure. */
  private static void writeTwoBatches(CombinationStore s) {
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      vs.add(vehicle(vehicleKey(i), "c" + i));
      fs.add(fitment(new CombinationKey(vehicleKey(i), option(i)), -i));
    }
    s.write(new WriteBatch(vs.subList(0, 5), fs.subList(0, 5), List.of(vehicleKey(0)),
        List.of(new CachedLevel(TreeLevel.MAKES, List.of("2001"), List.of("A", "B"))), List.of()));
    s.write(new WriteBatch(vs.subList(5, 10), fs.subList(5, 10), List.of(), List.of(),
        List.of(new FailureRecord(TreeLevel.MODELS, List.of("2001", "A"), "E", "line\nbreak \"q\"", 2,
            Instant.parse("2026-01-01T00:00:00.001Z"), Instant.parse("2026-01-01T00:00:01Z")))));
  }

  @Test
  @DisplayName("reopened, the store holds exactly what was committed")
  void reopenKeepsEverything() {
    Path d = dir.resolve("reopen");
    List<Vehicle> vehicles;
    List<Fitment> fitments;
    List<FailureRecord> failures;
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      writeTwoBatches(s);
      vehicles = readVehicles(s);
      fitments = readFitments(s);
      failures = s.failures();
    }
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      assertThat(readVehicles(s)).isEqualTo(vehicles).hasSize(10);
      assertThat(readFitments(s)).isEqualTo(fitments).hasSize(10);
      assertThat(s.failures()).isEqualTo(failures).hasSize(1);
      assertThat(s.completedVehicles(List.of(vehicleKey(0), vehicleKey(1)))).containsExactly(vehicleKey(0));
      assertThat(s.cachedLevel(TreeLevel.MAKES, List.of("2001"))).contains(List.of("A", "B"));
    }
  }

  @Test
  @DisplayName("a torn last line and lines of an uncommitted batch are cut off on open; earlier batches stay whole")
  void tornTailIsRepaired() throws Exception {
    Path d = dir.resolve("torn");
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      writeTwoBatches(s);
    }
    long commitsBefore = Files.size(d.resolve(JsonLinesCombinationStore.COMMITS));
    // a crash in the middle of a third batch: whole lines of it in two files, a torn one in a third,
    // and half of its commit line
    Files.writeString(d.resolve("vehicles.jsonl"), "{\"year\":2099,\"make\":\"X\",\"model\":\"Y\",\"trim\":\"Z\","
        + "\"drive\":\"W\",\"status\":\"no_data\",\"raw_json\":\"{}\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(d.resolve("combinations.jsonl"), "{\"year\":2099,\"make\":\"X\",\"mo", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Files.writeString(d.resolve(JsonLinesCombinationStore.COMMITS), "{\"batch\":3,\"vehicles\":99", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      assertThat(s.vehicleCount()).isEqualTo(10);
      assertThat(s.fitmentCount()).isEqualTo(10);
      assertThat(s.existingVehicles(List.of(new VehicleKey(2099, "X", "Y", "Z", "W")))).isEmpty();
      assertThat(Files.size(d.resolve(JsonLinesCombinationStore.COMMITS))).isEqualTo(commitsBefore);
      // the repaired files take new batches as usual
      s.write(WriteBatch.ofVehicles(List.of(vehicle(vehicleKey(50), "after"))));
    }
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      assertThat(s.vehicleCount()).isEqualTo(11);
      assertThat(s.findVehicles(List.of(vehicleKey(50)))).containsValue(vehicle(vehicleKey(50), "after"));
      assertThat(s.failures()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a data file cut shorter than its last commit, or a damaged commit in the middle, is refused with a StoreException naming the file")
  void damagedFilesAreRefused() throws Exception {
    Path d = dir.resolve("damaged");
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      writeTwoBatches(s);
    }
    Path commits = d.resolve(JsonLinesCombinationStore.COMMITS);
    String good = Files.readString(commits);
    Files.writeString(commits, "not json\n" + good);
    assertThatThrownBy(() -> JsonLinesCombinationStore.open(d))
        .isInstanceOf(StoreException.class).hasMessageContaining("commits.jsonl is damaged");

    Files.writeString(commits, good);
    Path vehicles = d.resolve("vehicles.jsonl");
    byte[] all = Files.readAllBytes(vehicles);
    Files.write(vehicles, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> JsonLinesCombinationStore.open(d))
        .isInstanceOf(StoreException.class).hasMessageContaining("vehicles.jsonl").hasMessageContaining("cut");
  }

  @Test
  @DisplayName("a second store on the same directory is refused while the first is open")
  void secondOpenRefused() {
    Path d = dir.resolve("locked");
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      assertThatThrownBy(() -> JsonLinesCombinationStore.open(d))
          .isInstanceOf(StoreException.class).hasMessageContaining("in use");
      assertThat(s.vehicleCount()).isZero();
    }
    JsonLinesCombinationStore.open(d).close();
  }

  @Test
  @DisplayName("a writer JVM killed with destroyForcibly while writing leaves each batch whole or absent")
  void killedWriterLeavesWholeBatches() throws Exception {
    Path d = dir.resolve("killed");
    java.util.Random random = new java.util.Random(77);
    int acknowledged = -1;
    int kills = 5;
    for (int kill = 0; kill < kills; kill++) {
      String javaCommand = ProcessHandle.current().info().command().orElse("java");
      Process p = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
          JsonLinesKillWorker.class.getName(), d.toString())
          .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("writer.log").toFile()))
          .start();
      int target = acknowledged + 1 + random.nextInt(4);
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        acknowledged = Integer.parseInt(line.substring("stored ".length()));
        if (acknowledged >= target) break;
      }
      assertThat(line).as("the writer ended by itself; see writer.log").isNotNull();
      p.destroyForcibly(); // it is writing the next batch
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    int whole = 0;
    try (JsonLinesCombinationStore s = JsonLinesCombinationStore.open(d)) {
      for (int b = 0; b <= acknowledged + kills; b++) {
        WriteBatch batch = JsonLinesKillWorker.batch(b);
        boolean present = !s.existingVehicles(List.of(JsonLinesKillWorker.marker(b))).isEmpty();
        assertThat(s.existingVehicles(batch.vehicles().stream().map(Vehicle::key).toList()))
            .as("vehicles of batch %d", b).hasSize(present ? batch.vehicles().size() : 0);
        assertThat(s.existingCombinations(batch.fitments().stream().map(Fitment::key).toList()))
            .as("combinations of batch %d", b).hasSize(present ? batch.fitments().size() : 0);
        assertThat(s.completedVehicles(List.of(JsonLinesKillWorker.marker(b)))).hasSize(present ? 1 : 0);
        if (b <= acknowledged) assertThat(present).as("batch %d was acknowledged", b).isTrue();
        if (present) whole++;
      }
      assertThat(s.fitmentCount()).isEqualTo((long) whole * JsonLinesKillWorker.VEHICLES * JsonLinesKillWorker.OPTIONS);
    }
    System.out.printf("JSON Lines: %d kills, %d batches acknowledged, %d whole on disk%n", kills, acknowledged + 1, whole);
  }

  @Test
  @DisplayName("the simulated site scraped into JSON Lines files equals its ground truth, also after reopening")
  void scrapesTheSimulatedSiteExactly() {
    Path d = dir.resolve("scrape");
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(3)).seed(5).build().start();
        HttpClient5FetchClient http = HttpClient5FetchClient.builder().maxConnectionsPerRoute(16).build()) {
      try (JsonLinesCombinationStore store = JsonLinesCombinationStore.open(d)) {
        ProcessResult result = MultithreadedProcessor.builder()
            .source(CwoFitmentSource.builder().apiBase(site.apiBase()).storeBase(site.storeBase()).fetchClient(http).build())
            .store(store)
            .workers(8)
            .writeMaxDelay(Duration.ofMillis(20))
            .build()
            .process(UnitSelection.all());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.COMPLETE);
      }
      try (JsonLinesCombinationStore store = JsonLinesCombinationStore.open(d)) {
        Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
        store.forEachVehicle(v -> vehicles.put(v.key(), v));
        assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
        assertThat(readFitments(store)).containsExactlyElementsOf(
            site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList());
        assertThat(store.failures()).isEmpty();
        assertThat(store.completedVehicles(site.groundTruth().vehicles().keySet()))
            .hasSize(site.groundTruth().vehicles().size());
      }
    }
  }
}
