package dev.cwo.internal;

import dev.cwo.spi.MetricTracker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a {@link MetricTracker} so that nothing it throws reaches the caller; the first such error
 * is logged as a warning, later ones at debug level. Thread-safe if the delegate is.
 */
public final class GuardedMetricTracker implements MetricTracker {
  private static final Logger log = LoggerFactory.getLogger(GuardedMetricTracker.class);
  private final MetricTracker delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  public GuardedMetricTracker(MetricTracker delegate) {
    this.delegate = delegate;
  }

  @Override
  public Scope start(String operation) {
    Scope inner;
    try {
      inner = delegate.start(operation);
    } catch (RuntimeException e) {
      report(e);
      return MetricTracker.noop().start(operation);
    }
    return new Scope() {
      @Override
      public void failed(Throwable error) {
        try {
          inner.failed(error);
        } catch (RuntimeException e) {
          report(e);
        }
      }

      @Override
      public void close() {
        try {
          inner.close();
        } catch (RuntimeException e) {
          report(e);
        }
      }
    };
  }

  @Override
  public void count(String counter, long delta) {
    try {
      delegate.count(counter, delta);
    } catch (RuntimeException e) {
      report(e);
    }
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    try {
      delegate.gauge(name, value);
    } catch (RuntimeException e) {
      report(e);
    }
  }

  @Override
  public void record(String distribution, long value) {
    try {
      delegate.record(distribution, value);
    } catch (RuntimeException e) {
      report(e);
    }
  }

  @Override
  public String toString() {
    return "guarded(" + delegate + ")";
  }

  private void report(RuntimeException e) {
    if (warned.compareAndSet(false, true)) {
      log.warn("metric tracker {} failed; ignoring it and further failures", delegate, e);
    } else {
      log.debug("metric tracker {} failed again", delegate, e);
    }
  }
}
