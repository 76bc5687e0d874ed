package dev.cwo.examples.cli;

import dev.cwo.LoggingProgressListener;
import dev.cwo.spi.ProgressListener;
import dev.cwo.spi.ProgressSnapshot;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress as plain lines, for output that is not a terminal (a log file, a pipe, CI): one {@link
 * LoggingProgressListener#format} line at most every {@code every} of run time, and the last one.
 * Thread-safe: the processor calls it from one thread at a time.
 */
final class PlainProgress implements ProgressListener {
  private final PrintWriter out;
  private final long everyNanos;
  private volatile long last = Long.MIN_VALUE;

  PlainProgress(PrintWriter out, Duration every) {
    this.out = out;
    this.everyNanos = every.toNanos();
  }

  @Override
  public void onProgress(ProgressSnapshot s) {
    long now = s.elapsed().toNanos();
    if (!s.finished() && last != Long.MIN_VALUE && now - last < everyNanos) return;
    last = now;
    out.println(LoggingProgressListener.format(s));
    out.flush();
  }
}
