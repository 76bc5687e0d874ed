package dev.cwo.benchmarks.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the benchmark's own threads per operation, as
 * {@code ·cpu.worker.norm} in µs/op. Threads that are not JMH workers are left out: in the fetch
 * benchmarks that is the simulated site's server threads, which run in the same JVM, so the
 * number is the client's CPU per request only, however long the request waited for the server.
 * Use with {@code -prof dev.cwo.benchmarks.micro.ClientCpuProfiler}.
 *
 * <p>It reads per-thread CPU time ({@link ThreadMXBean#getThreadCpuTime}) of every thread whose
 * name holds {@code -jmh-worker-} before and after each iteration and divides by the iteration's
 * operations. Work the worker does outside the timed loop in that window (iteration-level setup)
 * is included, so benchmarks measured this way do their setup per trial. Helper threads a client
 * starts (HttpClient's idle-connection evictor) are not counted; they do little. Also reports
 * {@code ·cpu.worker.util}, the workers' CPU as a share of one core over the iteration.
 *
 * <p>JMH creates one instance per forked run and calls it from one thread.
 */
public final class ClientCpuProfiler implements InternalProfiler {
  private static final String WORKER = "-jmh-worker-";
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();
  private long startNanos;

  public ClientCpuProfiler() {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure per-thread CPU time");
    }
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "CPU time of the JMH worker threads per operation (client side only)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpu();
    startNanos = System.nanoTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's own signature uses the raw type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long elapsed = System.nanoTime() - startNanos;
    long cpu = 0;
    for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    double perOpMicros = ops == 0 ? Double.NaN : cpu / 1000.0 / ops;
    return List.of(
        new ScalarResult("·cpu.worker.norm", perOpMicros, "µs/op", AggregationPolicy.AVG),
        new ScalarResult("·cpu.worker.util", elapsed == 0 ? Double.NaN : (double) cpu / elapsed,
            "cores", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> out = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          out.put(info.getThreadId(), nanos);
        }
      }
    }
    return out;
  }
}
