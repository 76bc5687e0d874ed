package dev.cwo.examples.cli;

import dev.cwo.EtaEstimator;
import dev.cwo.TreeLevel;
import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressListener;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run on a terminal as a progress bar (me.tongfei:progressbar): items fetched out of the
 * expected total (fetched plus {@link EtaEstimator#remainingRequests} left), vehicles and
 * combinations as resolved/found, the request rate, and cwo's own ETA from the tree's fan-out.
 *
 * <p>Thread-safe: the processor calls it from one thread at a time, and the bar's own refresh
 * thread reads only volatile fields. Close it to draw the last state and stop that thread.
 */
final class ProgressBarListener implements ProgressListener, AutoCloseable {
  private final ProgressBar bar;
  private final long totalUnits;
  private volatile Optional<Duration> eta = Optional.empty();
  private boolean closed; // guarded by this

  ProgressBarListener(ProgressBarConsumer consumer, long totalUnits) {
    this.totalUnits = totalUnits;
    this.bar = new ProgressBarBuilder()
        .setTaskName("cwo")
        .setInitialMax(-1) // indefinite until the first estimate
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(consumer)
        .setUnit(" items", 1)
        .setEtaFunction(state -> eta)
        .build();
  }

  @Override
  public void onProgress(ProgressSnapshot s) {
    long fetched = EtaEstimator.fetched(s.levels());
    if (s.finished()) {
      bar.maxHint(fetched);
    } else {
      var left = EtaEstimator.remainingRequests(s.levels(), totalUnits);
      if (left.isPresent()) bar.maxHint(fetched + Math.round(left.getAsDouble()));
    }
    eta = s.eta();
    bar.stepTo(fetched);
    bar.setExtraMessage(message(s));
  }

  /** The text after the bar: vehicles and combinations as resolved/found, and the rate. */
  static String message(ProgressSnapshot s) {
    LevelCounts v = s.level(TreeLevel.VEHICLES);
    LevelCounts c = s.level(TreeLevel.COMBINATIONS);
    long failed = 0;
    for (TreeLevel level : EtaEstimator.CHAIN) failed += s.level(level).failed();
    return String.format(Locale.ROOT, "vehicles %d/%d, combinations %d/%d, %d failed, %.1f req/s",
        v.done() + v.skipped() + v.failed(), v.found(), c.done() + c.skipped() + c.failed(), c.found(),
        failed, s.requestsPerSecond());
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    bar.close();
  }
}
