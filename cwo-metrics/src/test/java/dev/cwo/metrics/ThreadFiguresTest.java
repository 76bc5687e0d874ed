package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.spi.MetricTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThreadFiguresTest {
  private final FakeClock clock = new FakeClock();
  private final DropwizardMetricTracker tracker =
      DropwizardMetricTracker.builder(new MetricRegistry()).clock(clock).build();
  private final PerformanceMonitor monitor = PerformanceMonitor.of(tracker);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private Thread thread(String name, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, name);
    t.start();
    return t;
  }

  private void timed(String op, long millis, boolean fail) {
    try (MetricTracker.Scope s = tracker.start(op)) {
      clock.advanceMillis(millis);
      if (fail) {
        s.failed(new IllegalStateException("x"));
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("two threads each get their own operations, errors, busy time and throughput")
  void twoThreads() throws InterruptedException {
    CountDownLatch aDone = new CountDownLatch(1);
    Thread a = thread("worker-a", () -> {
      timed("fetch", 10, false);
      timed("fetch", 10, false);
      aDone.countDown();
    });
    // b waits for a so the shared fake clock moves for one thread at a time
    Thread b = thread("worker-b", () -> {
      await(aDone);
      timed("fetch", 30, false);
      timed("store", 5, true);
    });
    a.join(10_000);
    b.join(10_000);
    assertThat(failure.get()).isNull();

    List<ThreadStats> stats = monitor.threadStats();

    assertThat(stats).extracting(ThreadStats::thread).containsExactly("worker-a", "worker-b");
    ThreadStats sa = stats.get(0);
    ThreadStats sb = stats.get(1);
    assertThat(sa.operations()).isEqualTo(2);
    assertThat(sa.errors()).isZero();
    assertThat(sa.busyMillis()).isEqualTo(20.0);
    assertThat(sa.opsPerBusySecond()).isCloseTo(100.0, within(1e-9));
    assertThat(sb.operations()).isEqualTo(2);
    assertThat(sb.errors()).isEqualTo(1);
    assertThat(sb.busyMillis()).isEqualTo(35.0);
    // wall time is the 55 ms the clock moved since the tracker was built
    assertThat(sb.opsPerWallSecond()).isCloseTo(2 / 0.055, within(1e-9));
    assertThat(monitor.summary().operations()).isEqualTo(4);
    assertThat(monitor.summary().errors()).isEqualTo(1);
    assertThat(monitor.summary().elapsedMillis()).isEqualTo(55.0);
  }

  @Test
  @DisplayName("threads recording at the same time lose no operation")
  void concurrentThreadsLoseNothing() throws InterruptedException {
    int threads = 4;
    int perThread = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      started.add(thread("racer-" + i, () -> {
        await(go);
        for (int n = 0; n < perThread; n++) {
          try (MetricTracker.Scope s = tracker.start(n % 2 == 0 ? "even" : "odd")) {
            clock.advanceMillis(1);
            if (n % 10 == 0) {
              s.failed(new IllegalStateException());
            }
          }
        }
      }));
    }
    go.countDown();
    for (Thread t : started) {
      t.join(30_000);
    }
    assertThat(failure.get()).isNull();

    assertThat(monitor.threadStats()).hasSize(threads)
        .allSatisfy(t -> {
          assertThat(t.operations()).isEqualTo(perThread);
          assertThat(t.errors()).isEqualTo(perThread / 10);
        });
    OperationStats even = monitor.stats("even").orElseThrow();
    assertThat(even.count()).isEqualTo(threads * perThread / 2);
    assertThat(even.errors()).isEqualTo(threads * perThread / 10);
    assertThat(monitor.summary().operations()).isEqualTo(threads * perThread);
  }
}
