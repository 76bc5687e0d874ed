package dev.cwo.metrics;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.codahale.metrics.UniformReservoir;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.spi.MetricTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link MetricTracker} that records into a caller-supplied Dropwizard {@link MetricRegistry}.
 *
 * <p><b>Names</b> (with the default prefix {@code cwo}):
 *
 * <ul>
 *   <li>{@code cwo.op.<op>}: a {@link Timer} of the durations of <em>successful</em> scopes;
 *   <li>{@code cwo.op.<op>.errors}: a {@link Counter} of failed scopes (those that called {@link
 *       Scope#failed(Throwable)} before closing);
 *   <li>{@code cwo.op.<op>.failed}: a {@link Timer} of the durations of failed scopes, created on
 *       the first failure. A failed scope's duration goes here and not into {@code cwo.op.<op>}, so
 *       fast failures do not flatter the latency of real work;
 *   <li>{@code cwo.<counter>}: a {@link Counter} per {@link #count(String, long)} name;
 *   <li>{@code cwo.<gauge>}: a {@link Gauge} per {@link #gauge(String, LongSupplier)} name;
 *   <li>{@code cwo.<distribution>}: a {@link Histogram} per {@link #record(String, long)} name,
 *       with a {@link UniformReservoir} of {@code reservoirSize} values.
 * </ul>
 *
 * The names cwo's own parts use are listed in {@link dev.cwo.MetricNames} and {@code docs/metrics.md}.
 *
 * An operation named so that its timer clashes with another metric's name (say an operation {@code
 * x.errors} next to an operation {@code x}) makes {@link #start} throw {@link
 * IllegalArgumentException}; {@link MetricTracker#guarded} turns that into a logged warning.
 *
 * <p><b>Exactness and memory.</b> Next to each success timer the tracker keeps exact running
 * figures (count, sum, min, max, Welford variance: five numbers per operation), so the count, mean,
 * minimum, maximum and standard deviation that {@link PerformanceMonitor} reports are exact over the
 * whole run. The median, p95 and p99 come from the timer's {@link UniformReservoir} of {@link
 * Builder#reservoirSize(int) reservoirSize} values (default {@value #DEFAULT_RESERVOIR_SIZE}): exact
 * while an operation has run at most that many times, a uniform random sample of the whole run
 * after that. Each reservoir costs {@code 8 * reservoirSize} bytes (32 KiB by default) per timer,
 * so about 32 KiB per operation name plus 32 KiB more for an operation that has ever failed.
 *
 * <p><b>Per-thread figures</b> live in a {@code ConcurrentHashMap} keyed by thread name, each
 * value three {@code LongAdder}s: operations (every scope, nested ones included), errors, and busy
 * nanoseconds (outermost scopes only, so nested scopes do not count the same time twice). Threads
 * that share a name share an entry. A scope is attributed to the thread that started it.
 *
 * <p><b>Time</b> comes from the injected {@link Clock} ({@link Clock#defaultClock()} unless {@link
 * Builder#clock(Clock)} says otherwise): {@code getTick()} for durations, {@code getTime()} for
 * timestamps.
 *
 * <p>Thread-safe. A {@link Scope} belongs to the thread that started it: close it there, once
 * (try-with-resources); a second {@code close()} is ignored.
 *
 * <pre>{@code
 * MetricRegistry registry = new MetricRegistry();
 * DropwizardMetricTracker tracker = DropwizardMetricTracker.builder(registry).build();
 * try (MetricTracker.Scope s = tracker.start("fetch")) {
 *   client.fetch(request);
 * }
 * PerformanceMonitor.of(tracker).report(System.out);
 * }</pre>
 */
public final class DropwizardMetricTracker implements MetricTracker {
  /** Values kept per timer reservoir unless {@link Builder#reservoirSize(int)} says otherwise. */
  public static final int DEFAULT_RESERVOIR_SIZE = 4096;

  private final MetricRegistry registry;
  private final Clock clock;
  private final String prefix;
  private final int reservoirSize;
  private final long startTick;
  private final long startTime;
  private final Map<String, OperationFigures> operations = new ConcurrentHashMap<>();
  private final Map<String, ThreadFigures> threads = new ConcurrentHashMap<>();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  private DropwizardMetricTracker(Builder b) {
    this.registry = b.registry;
    this.clock = b.clock;
    this.prefix = b.prefix;
    this.reservoirSize = b.reservoirSize;
    this.startTick = clock.getTick();
    this.startTime = clock.getTime();
  }

  /** A tracker over {@code registry} with the defaults. */
  public static DropwizardMetricTracker of(MetricRegistry registry) {
    return builder(registry).build();
  }

  /** Starts a builder for a tracker that records into {@code registry}. */
  public static Builder builder(MetricRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public Scope start(String operation) {
    Objects.requireNonNull(operation, "operation");
    OperationFigures op = operations.get(operation);
    if (op == null) {
      op = operations.computeIfAbsent(operation, this::newOperation);
    }
    String threadName = Thread.currentThread().getName();
    ThreadFigures thread = threads.get(threadName);
    if (thread == null) {
      thread = threads.computeIfAbsent(threadName, n -> new ThreadFigures());
    }
    int[] threadDepth = depth.get();
    boolean outermost = threadDepth[0]++ == 0;
    return new TimedScope(op, thread, threadDepth, outermost, clock.getTick());
  }

  @Override
  public void count(String counter, long delta) {
    Objects.requireNonNull(counter, "counter");
    registry.counter(prefix + "." + counter).inc(delta);
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    // getOrAdd: an existing gauge of that name wins, so a second registration is ignored.
    registry.gauge(prefix + "." + name, () -> (Gauge<Long>) value::getAsLong);
  }

  @Override
  public void record(String distribution, long value) {
    Objects.requireNonNull(distribution, "distribution");
    registry.histogram(prefix + "." + distribution, () -> new Histogram(new UniformReservoir(reservoirSize)))
        .update(value);
  }

  /** The registry this tracker records into. */
  public MetricRegistry registry() {
    return registry;
  }

  /** The clock this tracker reads. */
  public Clock clock() {
    return clock;
  }

  /** The name prefix, {@code cwo} by default. */
  public String prefix() {
    return prefix;
  }

  /** The registry name of the timer of successful {@code operation} scopes. */
  public String timerName(String operation) {
    return prefix + ".op." + operation;
  }

  /** The registry name of the counter of failed {@code operation} scopes. */
  public String errorCounterName(String operation) {
    return timerName(operation) + ".errors";
  }

  /** The registry name of the timer of failed {@code operation} scopes. */
  public String failedTimerName(String operation) {
    return timerName(operation) + ".failed";
  }

  /** The names of the operations started so far, sorted. */
  public Set<String> operations() {
    return new TreeSet<>(operations.keySet());
  }

  /** Nanoseconds on the clock since this tracker was built. */
  long elapsedNanos() {
    return Math.max(0, clock.getTick() - startTick);
  }

  /** Epoch milliseconds on the clock when this tracker was built. */
  long startTime() {
    return startTime;
  }

  OperationFigures figures(String operation) {
    return operations.get(operation);
  }

  /** A copy of the per-thread map (thread name to figures). */
  List<Map.Entry<String, ThreadFigures>> threadFigures() {
    return new ArrayList<>(threads.entrySet());
  }

  private OperationFigures newOperation(String operation) {
    Timer timer = registry.timer(timerName(operation), this::newTimer);
    Counter errors = registry.counter(errorCounterName(operation));
    return new OperationFigures(operation, timer, errors);
  }

  private Timer newTimer() {
    return new Timer(new UniformReservoir(reservoirSize), clock);
  }

  @Override
  public String toString() {
    return "DropwizardMetricTracker[prefix=" + prefix + ", operations=" + operations.size() + "]";
  }

  /** The metrics of one operation name. Thread-safe. */
  final class OperationFigures {
    final String operation;
    final Timer timer;
    final Counter errors;
    final ExactDurations exact = new ExactDurations();
    private volatile Timer failedTimer;

    OperationFigures(String operation, Timer timer, Counter errors) {
      this.operation = operation;
      this.timer = timer;
      this.errors = errors;
    }

    void record(long nanos, boolean failed) {
      if (failed) {
        errors.inc();
        Timer t = failedTimer;
        if (t == null) {
          t = registry.timer(failedTimerName(operation), DropwizardMetricTracker.this::newTimer);
          failedTimer = t;
        }
        t.update(nanos, TimeUnit.NANOSECONDS);
      } else {
        exact.record(nanos);
        timer.update(nanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  private final class TimedScope implements Scope {
    private final OperationFigures op;
    private final ThreadFigures thread;
    private final int[] threadDepth;
    private final boolean outermost;
    private final long startTick;
    private boolean failed;
    private boolean closed;

    TimedScope(OperationFigures op, ThreadFigures thread, int[] threadDepth, boolean outermost,
        long startTick) {
      this.op = op;
      this.thread = thread;
      this.threadDepth = threadDepth;
      this.outermost = outermost;
      this.startTick = startTick;
    }

    @Override
    public void failed(Throwable error) {
      Objects.requireNonNull(error, "error");
      failed = true;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      threadDepth[0]--;
      long nanos = Math.max(0, clock.getTick() - startTick);
      op.record(nanos, failed);
      thread.operations.increment();
      if (failed) {
        thread.errors.increment();
      }
      if (outermost) {
        thread.busyNanos.add(nanos);
      }
    }
  }

  /**
   * Builds a {@link DropwizardMetricTracker}. Not thread-safe; {@link #build()} checks every
   * setting and names each bad one in an {@link InvalidConfigurationException}.
   */
  public static final class Builder {
    private final MetricRegistry registry;
    private Clock clock = Clock.defaultClock();
    private String prefix = "cwo";
    private int reservoirSize = DEFAULT_RESERVOIR_SIZE;

    private Builder(MetricRegistry registry) {
      this.registry = registry;
    }

    /** The clock for durations and timestamps; default {@link Clock#defaultClock()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The first segment of every metric name; default {@code cwo}. Non-blank, no edge dots. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Values kept per timer for the median and percentiles; 1 to 1,048,576, default 4096. */
    public Builder reservoirSize(int reservoirSize) {
      this.reservoirSize = reservoirSize;
      return this;
    }

    /** A tracker with these settings. */
    public DropwizardMetricTracker build() {
      List<String> problems = new ArrayList<>();
      if (prefix.isBlank() || prefix.startsWith(".") || prefix.endsWith(".")) {
        problems.add("prefix '" + prefix + "' must be non-blank and not start or end with '.'");
      }
      if (reservoirSize < 1 || reservoirSize > 1 << 20) {
        problems.add("reservoirSize " + reservoirSize + " must be between 1 and 1048576");
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("DropwizardMetricTracker", problems);
      }
      return new DropwizardMetricTracker(this);
    }
  }
}
