package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.SiteFaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cwo scrape} as a child JVM against the simulated site, sent SIGINT the way a terminal's
 * Ctrl-C is: once (a graceful stop, exit 130, results saved, a rerun ends exact) and twice (an
 * immediate stop, exit 130).
 *
 * <p>The child is started through {@code env --default-signal=INT} where that works, because a JVM
 * leaves alone a SIGINT that its parent ignores (as a build started in the background does).
 */
class CtrlCSubprocessTest {
  @TempDir Path dir;

  private Process scrape(SimulatedCwoSite site, String db, String rate, String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    if (envResetsSignals()) cmd.addAll(List.of("env", "--default-signal=INT"));
    cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), CwoCommand.class.getName(),
        "scrape", "--api-base", site.apiBase().toString(), "--store-base", site.storeBase().toString(),
        "--db", db, "--workers", "4", "--rate", rate));
    return new ProcessBuilder(cmd)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  private static boolean envResetsSignals() {
    try {
      Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sigint(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT %d", p.pid()).isTrue();
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
  private static boolean within(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return condition.getAsBoolean();
  }

  private static long storedCombinations(String db) {
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM combination")) {
      return r.next() ? r.getLong(1) : 0;
    } catch (SQLException notYet) {
      return 0; // the file or its tables do not exist yet
    }
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("one Ctrl-C: the scrape stops gracefully with exit code 130, and a rerun ends exact")
  void oneCtrlCStopsGracefullyAndRerunEndsExact() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("ctrlc.db");
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(21)).seed(3).build().start()) {
      Process p = scrape(site, db, "60", "first");
      boolean underway = within(Duration.ofSeconds(120), () -> storedCombinations(db) > 0 || !p.isAlive());
      assertThat(underway && p.isAlive()).as("the scrape is under way; stderr: %s", read("first.err")).isTrue();

      sigint(p);

      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the scrape stopped").isTrue();
      String out = read("first.out");
      assertThat(p.exitValue()).as(out + read("first.err")).isEqualTo(130);
      assertThat(read("first.err")).contains("cwo: stopping: running requests finish and results are saved");
      assertThat(out).contains("outcome:       STOPPED").contains("interrupted:   by Ctrl-C");
      long saved = storedCombinations(db);
      assertThat(saved).as("combinations saved by the first run").isPositive()
          .isLessThan(site.groundTruth().fitmentCount());

      StringWriter rerunOut = new StringWriter();
      CommandLine cli = CwoCommand.commandLine(Map.of());
      cli.setOut(new PrintWriter(rerunOut, true));
      cli.setErr(new PrintWriter(rerunOut, true));
      int code = cli.execute("scrape", "--api-base", site.apiBase().toString(), "--store-base",
          site.storeBase().toString(), "--db", db, "--workers", "8", "--rate", "2000", "--quiet");

      assertThat(code).as(rerunOut.toString()).isZero();
      assertThat(rerunOut.toString()).containsPattern("combinations:  [0-9]+ fetched this run, [1-9][0-9]* skipped as stored");
      try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(db).build()) {
        Map<VehicleKey, Vehicle> vehicles = new TreeMap<>();
        store.forEachVehicle(v -> vehicles.put(v.key(), v));
        assertThat(vehicles).isEqualTo(site.groundTruth().vehicles());
        List<Fitment> fitments = new ArrayList<>();
        store.forEachFitment(fitments::add);
        assertThat(fitments).containsExactlyElementsOf(
            site.groundTruth().fitments().sorted(Comparator.comparing(Fitment::key)).toList());
        assertThat(store.failures()).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("a second Ctrl-C during the graceful stop stops at once with exit code 130")
  void secondCtrlCStopsAtOnce() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("twice.db");
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(SimulatedCatalog.small(22)).seed(4).build().start()) {
      Process p = scrape(site, db, "2000", "twice");
      boolean underway = within(Duration.ofSeconds(120), () -> storedCombinations(db) > 0 || !p.isAlive());
      assertThat(underway && p.isAlive()).as("the scrape is under way; stderr: %s", read("twice.err")).isTrue();
      // from now on every answer takes seconds, so the graceful stop has requests to wait for
      site.setFaults(SiteFaults.builder().latency(Duration.ofSeconds(60), Duration.ZERO).build());
      assertThat(within(Duration.ofSeconds(60), () -> site.stats().inFlight() > 0)).isTrue();

      sigint(p);
      assertThat(within(Duration.ofSeconds(60), () -> {
        try {
          return read("twice.err").contains("cwo: stopping");
        } catch (IOException e) {
          return false;
        }
      })).as("the first Ctrl-C was heard").isTrue();
      assertThat(p.isAlive()).as("still waiting for slow requests").isTrue();
      sigint(p);

      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped well before the slow requests end").isTrue();
      assertThat(p.exitValue()).isEqualTo(130);
      assertThat(read("twice.err")).contains("cwo: stopped at once");
      assertThat(read("twice.out")).doesNotContain("outcome:");
    }
  }
}
