package dev.cwo.benchmarks.e2e;

import dev.cwo.net.PoliteFetchClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a {@link PoliteFetchClient}'s current rate per host every 100 ms, to show how much of a
 * run the adaptive rate spent below its ceiling.
 *
 * <p>Thread-safe: sampling runs on its own daemon thread; read {@link #summary()} after {@link
 * #stop()}.
 */
final class RateSampler {
  private final Map<String, double[]> sums = new LinkedHashMap<>(); // sum, min, count
  private ScheduledExecutorService timer;

  synchronized void start(PoliteFetchClient client, List<String> hosts) {
    hosts.forEach(h -> sums.put(h, new double[] {0, Double.MAX_VALUE, 0}));
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rate-sampler");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> sample(client), 100, 100, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample(PoliteFetchClient client) {
    sums.forEach((h, s) -> {
      double r = client.currentRate(h);
      s[0] += r;
      s[1] = Math.min(s[1], r);
      s[2]++;
    });
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Per host: mean rate, least rate, samples. Empty when never started. */
  synchronized Map<String, double[]> summary() {
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach((h, s) -> {
      if (s[2] > 0) {
        out.put(h, new double[] {s[0] / s[2], s[1], s[2]});
      }
    });
    return out;
  }
}
