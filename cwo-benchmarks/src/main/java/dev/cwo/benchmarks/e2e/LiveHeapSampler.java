package dev.cwo.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the live set while a run goes on: every few seconds it forces a full collection
 * ({@code System.gc()}, synchronous unless the JVM is told otherwise) and keeps the largest heap
 * left after one. Costs a full collection per period, so only the variant runs that report it use
 * it.
 *
 * <p>Thread-safe: samples on its own daemon thread.
 */
final class LiveHeapSampler {
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private ScheduledExecutorService timer;

  synchronized void start(long periodSeconds) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "live-heap-sampler");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sample, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  private void sample() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    peak.accumulateAndGet(used, Math::max);
    samples.incrementAndGet();
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  long peakBytes() {
    return peak.get();
  }

  long samples() {
    return samples.get();
  }
}
