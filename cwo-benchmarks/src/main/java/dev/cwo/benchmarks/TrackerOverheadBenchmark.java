package dev.cwo.benchmarks;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.metrics.DropwizardMetricTracker;
import dev.cwo.spi.MetricTracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What one tracked operation costs: a {@link MetricTracker.Scope} opened and closed around nothing,
 * on the {@link DropwizardMetricTracker} bare and wrapped in {@link MetricTracker#guarded} (as the
 * processor uses it), against the no-op tracker; on one thread and on four threads sharing one
 * operation name. The target is under 1 µs per scope.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.cwo.benchmarks.TrackerOverheadBenchmark}
 * (or JMH's {@code org.openjdk.jmh.Main TrackerOverhead}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("try") // the scopes are opened and closed only to measure that
public class TrackerOverheadBenchmark {
  private DropwizardMetricTracker dropwizard;
  private MetricTracker guarded;
  private MetricTracker noop;

  @Setup
  public void setUp() {
    dropwizard = DropwizardMetricTracker.of(new MetricRegistry());
    guarded = MetricTracker.guarded(dropwizard);
    noop = MetricTracker.noop();
  }

  /** The Dropwizard tracker as it is. */
  @Benchmark
  public void dropwizardScope() {
    try (MetricTracker.Scope s = dropwizard.start("site.fitment-page")) {
      // the operation itself is empty: only the tracking is measured
    }
  }

  /** The Dropwizard tracker behind the guard, as the processor and the site use it. */
  @Benchmark
  public void guardedDropwizardScope() {
    try (MetricTracker.Scope s = guarded.start("site.fitment-page")) {
      // empty
    }
  }

  /** Four threads on one operation name: contention on its timer and reservoir. */
  @Benchmark
  @Threads(4)
  public void guardedDropwizardScope4Threads() {
    try (MetricTracker.Scope s = guarded.start("site.fitment-page")) {
      // empty
    }
  }

  /** A counter increment on the Dropwizard tracker. */
  @Benchmark
  public void dropwizardCount() {
    dropwizard.count("site.fitment-page.bytes", 1234);
  }

  /** The floor: the no-op tracker. */
  @Benchmark
  public void noopScope() {
    try (MetricTracker.Scope s = noop.start("site.fitment-page")) {
      // empty
    }
  }

  /** Runs this benchmark with the settings above. */
  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(TrackerOverheadBenchmark.class.getSimpleName()).build()).run();
  }
}
