package dev.cwo.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the end-to-end benchmark's smoke scenario (a 30-vehicle catalog; the site and the scraper
 * each in their own JVM) so that the benchmark cannot rot: the store must come out exact, and every
 * figure the benchmark reports must be present and plausible.
 */
class EndToEndBenchmarkSmokeTest {
  @TempDir Path work;

  @Test
  @DisplayName("the smoke scenario scrapes a separate-process site exactly and reports every figure")
  void smokeScenarioIsExactAndReportsEveryFigure() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EndToEndBenchmark bench = new EndToEndBenchmark(work,
        new PrintStream(log, true, StandardCharsets.UTF_8), 7, List.of());

    ScenarioResult r = bench.run(List.of("smoke")).get(0);
    RunFigures f = bench.lastSmokeRun;

    assertThat(f.check().exact()).as(f.check().verdict()).isTrue();
    assertThat(f.check().vehicles()).isEqualTo(f.check().expectedVehicles()).isPositive();
    assertThat(f.outcome()).isEqualTo("COMPLETE");
    assertThat(f.wallSeconds()).isPositive().isLessThan(600);
    assertThat(f.requests()).as("requests sent").isGreaterThanOrEqualTo(f.check().fitments());
    assertThat(f.siteRequests()).as("the site saw what the client sent").isEqualTo(f.requests());
    assertThat(f.requestsPerSecond()).isPositive();
    assertThat(f.cpuPer1000()).isPositive();
    assertThat(f.cpuPer1000ScrapeOnly()).isPositive().isLessThanOrEqualTo(f.cpuPer1000());
    assertThat(f.peakRssMib()).as("peak RSS, MiB").isBetween(10.0, 4096.0);
    assertThat(f.peakHeapAfterGcMib()).as("peak heap after GC, MiB").isPositive()
        .isLessThanOrEqualTo(96);
    assertThat(f.scraper().get("collections").asLong()).isPositive();
    assertThat(f.totalDuplicates()).as("a clean run fetches nothing twice").isZero();
    assertThat(r.checks).isNotEmpty();
    assertThat(r.allMet()).as(r.markdown()).isTrue();
    assertThat(r.markdown()).contains("requests/s", "CPU-s per 1,000 requests", "peak RSS",
        "peak heap after GC", "exact (");
  }
}
