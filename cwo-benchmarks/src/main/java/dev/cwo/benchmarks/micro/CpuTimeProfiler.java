package dev.cwo.benchmarks.micro;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * A JMH profiler that reports CPU time per operation, which, unlike wall time, does not grow when
 * other processes crowd the machine. Use with {@code -prof dev.cwo.benchmarks.micro.CpuTimeProfiler}.
 *
 * <ul>
 *   <li>{@code ·cpu.worker.norm} (µs/op): CPU of the benchmark's own threads, those whose name
 *       holds {@code -jmh-worker-}. Other threads are left out: in the fetch benchmarks that is
 *       the simulated site's server threads, which run in the same JVM, so the number is the
 *       client's CPU per request however long the server took. On SQLite it includes SQLite
 *       itself, which runs in the caller's thread.
 *   <li>{@code ·cpu.worker.util} (cores): that CPU as a share of one core over the iteration; well
 *       under 1 means the worker waited (for a server, or for a core on a crowded machine).
 *   <li>{@code ·cpu.pg.norm} (µs/op), only while the trial holds PostgreSQL connections: the CPU
 *       of the server processes serving this benchmark's connections, found in {@code
 *       pg_stat_activity} by the application name {@link BenchmarkDatabase} gives them and read
 *       from {@code /proc/PID/stat} (Linux, server on this machine; 10 ms resolution).
 * </ul>
 *
 * <p>Readings are taken before and after each iteration and divided by the iteration's
 * operations, so work the worker does outside the timed loop in that window (invocation-level
 * setup) counts too. Helper threads a client starts (HttpClient's idle-connection evictor) are
 * not counted; they do little. JMH creates one instance per forked run and calls it from one
 * thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final String WORKER = "-jmh-worker-";
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long clockTicksPerSecond = 100; // USER_HZ, 100 on every Linux JMH runs on
  private Map<Long, Long> before = Map.of();
  private Map<Long, Long> pgBefore = Map.of();
  private long startNanos;

  public CpuTimeProfiler() {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure per-thread CPU time");
    }
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "CPU time per operation of the JMH worker threads and of this benchmark's PostgreSQL"
        + " server processes";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    pgBefore = postgresTicks();
    before = workerCpu();
    startNanos = System.nanoTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's own signature uses the raw type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long elapsed = System.nanoTime() - startNanos;
    long cpu = delta(before, workerCpu());
    long ops = result.getMetadata().getAllOps();
    List<Result> out = new ArrayList<>();
    out.add(new ScalarResult("·cpu.worker.norm", ops == 0 ? Double.NaN : cpu / 1000.0 / ops,
        "µs/op", AggregationPolicy.AVG));
    out.add(new ScalarResult("·cpu.worker.util", elapsed == 0 ? Double.NaN : (double) cpu / elapsed,
        "cores", AggregationPolicy.AVG));
    Map<Long, Long> pgAfter = postgresTicks();
    if (!pgAfter.isEmpty() && ops > 0) {
      double micros = delta(pgBefore, pgAfter) * 1_000_000.0 / clockTicksPerSecond;
      out.add(new ScalarResult("·cpu.pg.norm", micros / ops, "µs/op", AggregationPolicy.AVG));
    }
    return out;
  }

  private static long delta(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
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

  /**
   * CPU clock ticks so far (user + system) of each PostgreSQL backend serving a benchmark
   * connection, by process id; empty when there is none or they cannot be read.
   */
  private static Map<Long, Long> postgresTicks() {
    Map<Long, Long> out = new HashMap<>();
    List<Long> pids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(
            BenchmarkDatabase.pgUrl(), BenchmarkDatabase.pgUser(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name LIKE '"
            + BenchmarkDatabase.APPLICATION_NAME_PREFIX + "%'")) {
      while (rs.next()) {
        pids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      return out; // no server: nothing to report
    }
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime
      } catch (IOException | RuntimeException e) {
        // the backend ended, or the server is not on this machine: leave it out
      }
    }
    return out;
  }
}
