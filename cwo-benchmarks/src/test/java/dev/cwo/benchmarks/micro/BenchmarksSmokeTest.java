package dev.cwo.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the micro benchmarks from rotting: runs every one of them once through the JMH Runner
 * API, in this JVM, with one 100 ms warm-up and one 100 ms measurement, on the small catalog,
 * recording 3 vehicles instead of 16 or 24, checking 2,000 keys instead of 100,000, with {@link
 * CpuTimeProfiler} on, then checks that each produced
 * a positive score and a CPU reading. The numbers mean nothing at this size; run-micro.sh measures.
 *
 * <p>PostgreSQL: the store benchmarks run on it too when it answers at {@code 127.0.0.1:5432};
 * when it does not, they run on SQLite only, unless {@code CWO_REQUIRE_PG=1}, when the test fails.
 */
class BenchmarksSmokeTest {
  private static final List<Class<?>> BENCHMARKS = List.of(
      ParseBenchmark.class, FetchBenchmark.class, StoreWriteBenchmark.class,
      StoreExistsBenchmark.class);

  @Test
  void everyMicroBenchmarkRunsAndReportsAScore() throws RunnerException {
    List<String> dbs = new ArrayList<>(List.of(BenchmarkDatabase.SQLITE));
    Optional<String> pgDown = BenchmarkDatabase.postgresUnreachable();
    if (pgDown.isEmpty()) {
      dbs.add(BenchmarkDatabase.POSTGRESQL);
    } else if ("1".equals(System.getenv("CWO_REQUIRE_PG"))) {
      fail(pgDown.get() + " (CWO_REQUIRE_PG=1)");
    } else {
      System.out.println(pgDown.get() + "; the store benchmarks run on SQLite only");
    }
    // another JMH run on the machine (a developer's run-micro.sh) must not fail the build
    System.setProperty("jmh.ignoreLock", "true");
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + getClass().getPackageName().replace(".", "\\.") + "\\.")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("db", dbs.toArray(new String[0]))
        .param("keys", "2000")
        .param("catalog", "small")
        .param("vehicles", "3")
        .param("sampleVehicles", "3")
        .addProfiler(CpuTimeProfiler.class)
        .timeout(TimeValue.seconds(60))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);

    long start = System.nanoTime();
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.printf("smoke run of %d benchmark runs took %d s%n", results.size(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

    TreeSet<String> expected = new TreeSet<>();
    for (Class<?> c : BENCHMARKS) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Benchmark.class)) {
          boolean store = c.getSimpleName().startsWith("Store");
          for (String db : store ? dbs : List.of("-")) {
            expected.add(c.getName() + "." + m.getName() + " " + db);
          }
        }
      }
    }
    TreeSet<String> seen = new TreeSet<>();
    for (RunResult r : results) {
      String db = r.getParams().getParam("db");
      String name = r.getParams().getBenchmark() + " " + (db == null ? "-" : db);
      seen.add(name);
      Result<?> primary = r.getPrimaryResult();
      assertThat(primary.getScore()).as("score of %s", name).isPositive().isFinite();
      Result<?> cpu = r.getSecondaryResults().get("·cpu.worker.norm");
      assertThat(cpu).as("CPU reading of %s", name).isNotNull();
      assertThat(cpu.getScore()).as("CPU per op of %s", name).isPositive();
    }
    assertThat(seen).isEqualTo(expected);
  }
}
