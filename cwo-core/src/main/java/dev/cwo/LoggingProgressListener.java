package dev.cwo;

import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressListener;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProgressListener} that logs one line at info level at most every {@code every} of run
 * time, and always the last snapshot. Time is the snapshots' own {@link ProgressSnapshot#elapsed()},
 * so no clock is read. A line looks like:
 *
 * <pre>
 * progress 65.0s: models 12/12, trims 40/41, drives 70/70, vehicles 101/180 (20 skipped, 1 failed),
 *   sessions 80/101, combinations 900/2400 (300 skipped); 35.1 req/s; ETA 1m 05s
 * </pre>
 *
 * (one line in the log), each level shown as resolved/found.
 *
 * <p>Thread-safe: the processor calls it from one thread at a time, and its one field is volatile.
 *
 * <pre>{@code
 * MultithreadedProcessor.builder()...
 *     .progressListener(new LoggingProgressListener(Duration.ofSeconds(30)))
 *     .progressInterval(Duration.ofSeconds(5))
 * }</pre>
 */
public final class LoggingProgressListener implements ProgressListener {
  private final Logger logger;
  private final long everyNanos;
  private volatile long lastLoggedNanos = Long.MIN_VALUE;

  /** Logs to this class's logger at most every {@code every}. */
  public LoggingProgressListener(Duration every) {
    this(every, LoggerFactory.getLogger(LoggingProgressListener.class));
  }

  /** Logs to {@code logger} at most every {@code every}. */
  public LoggingProgressListener(Duration every, Logger logger) {
    Objects.requireNonNull(every, "every");
    if (every.isNegative()) throw new IllegalArgumentException("every must not be negative, was " + every);
    this.everyNanos = every.toNanos();
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void onProgress(ProgressSnapshot snapshot) {
    long now = snapshot.elapsed().toNanos();
    if (!snapshot.finished() && lastLoggedNanos != Long.MIN_VALUE && now - lastLoggedNanos < everyNanos) {
      return;
    }
    lastLoggedNanos = now;
    if (logger.isInfoEnabled()) logger.info("{}", format(snapshot));
  }

  /** The one-line form of {@code snapshot} that this listener logs. */
  public static String format(ProgressSnapshot snapshot) {
    StringBuilder b = new StringBuilder(200);
    b.append(snapshot.finished() ? "finished " : "progress ")
        .append(String.format(Locale.ROOT, "%.1fs", snapshot.elapsed().toMillis() / 1000.0))
        .append(':');
    String sep = " ";
    for (TreeLevel level : EtaEstimator.CHAIN) {
      LevelCounts c = snapshot.level(level);
      b.append(sep).append(level.name().toLowerCase(Locale.ROOT)).append(' ')
          .append(c.done() + c.skipped() + c.failed()).append('/').append(c.found());
      if (c.skipped() > 0 || c.failed() > 0) {
        b.append(" (");
        if (c.skipped() > 0) b.append(c.skipped()).append(" skipped");
        if (c.skipped() > 0 && c.failed() > 0) b.append(", ");
        if (c.failed() > 0) b.append(c.failed()).append(" failed");
        b.append(')');
      }
      sep = ", ";
    }
    b.append(String.format(Locale.ROOT, "; %.1f req/s", snapshot.requestsPerSecond()));
    if (!snapshot.finished()) {
      b.append("; ETA ").append(snapshot.eta().map(LoggingProgressListener::duration).orElse("unknown"));
    }
    return b.toString();
  }

  /** {@code 1h 02m}, {@code 3m 07s} or {@code 12s}. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    if (s >= 60) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    return s + "s";
  }
}
