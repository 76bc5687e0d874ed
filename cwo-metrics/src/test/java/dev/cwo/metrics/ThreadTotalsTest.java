package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.Clock;
import com.codahale.metrics.MetricRegistry;
import dev.cwo.spi.MetricTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-thread figures under 8 concurrent threads add up to the run's totals. */
class ThreadTotalsTest {

  /** A clock whose tick is per thread, so each thread's durations are exact whatever the others do. */
  private static final class PerThreadClock extends Clock {
    private final ThreadLocal<long[]> ticks = ThreadLocal.withInitial(() -> new long[1]);

    void advanceMillis(long millis) {
      ticks.get()[0] += millis * 1_000_000;
    }

    @Override
    public long getTick() {
      return ticks.get()[0];
    }
  }

  @Test
  @DisplayName("8 threads: per-thread operations, errors and busy time add up to the totals")
  void perThreadFiguresAddUp() throws Exception {
    PerThreadClock clock = new PerThreadClock();
    DropwizardMetricTracker tracker =
        DropwizardMetricTracker.builder(new MetricRegistry()).clock(clock).build();
    PerformanceMonitor monitor = PerformanceMonitor.of(tracker);
    int threads = 8;
    int perThread = 500;
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        r -> new Thread(r, "worker-" + names.incrementAndGet()));
    List<Future<Long>> busy = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        int self = i;
        busy.add(pool.submit(() -> {
          go.await(10, TimeUnit.SECONDS);
          long millis = 0;
          for (int n = 0; n < perThread; n++) {
            long d = 1 + (n + self) % 7; // 1..7 ms
            try (MetricTracker.Scope outer = tracker.start("page")) {
              clock.advanceMillis(d);
              try (MetricTracker.Scope inner = tracker.start("parse")) {
                clock.advanceMillis(1);
                if (n % 25 == 0) inner.failed(new IllegalStateException("bad page"));
              }
            }
            millis += d + 1;
          }
          return millis;
        }));
      }
      go.countDown();
      long expectedBusy = 0;
      for (Future<Long> f : busy) expectedBusy += f.get(60, TimeUnit.SECONDS);

      List<ThreadStats> stats = monitor.threadStats();
      assertThat(stats).hasSize(threads);
      RunSummary total = monitor.summary();
      assertThat(stats.stream().mapToLong(ThreadStats::operations).sum())
          .isEqualTo(total.operations()).isEqualTo(2L * threads * perThread);
      assertThat(stats.stream().mapToLong(ThreadStats::errors).sum())
          .isEqualTo(total.errors()).isEqualTo((long) threads * perThread / 25);
      assertThat(stats.stream().mapToDouble(ThreadStats::busyMillis).sum())
          .isCloseTo(expectedBusy, within(1e-6));
      // busy time counts outermost scopes only: it equals the exact total of "page" durations
      OperationStats page = monitor.stats("page").orElseThrow();
      assertThat(page.meanMillis() * page.count()).isCloseTo(expectedBusy, within(1e-6));
      assertThat(stats).allSatisfy(t -> {
        assertThat(t.operations()).isEqualTo(2L * perThread);
        assertThat(t.opsPerBusySecond()).isCloseTo(t.operations() / (t.busyMillis() / 1000), within(1e-6));
      });
    } finally {
      pool.shutdownNow();
    }
  }
}
