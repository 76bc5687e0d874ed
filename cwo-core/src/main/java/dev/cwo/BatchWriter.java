package dev.cwo;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.MetricTracker;
import dev.cwo.spi.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects results from the workers and writes them to the store in batches, on one thread of its
 * own, in arrival order (so a vehicle always lands no later than its combinations, and a
 * "vehicle complete" mark no earlier than them).
 *
 * <p>A batch is written when it holds {@code batchSize} items or its first item has waited {@code
 * maxDelay}. The queue in front of the writer is bounded: when the database is slower than the
 * network, {@link #add} blocks the workers (back-pressure) instead of piling results up in memory.
 * Thread-safe: any number of threads may {@link #add}; one thread writes.
 */
final class BatchWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
  private static final Object END = new Object();

  /** A callback to run once everything queued before it is committed. */
  record AfterCommit(Runnable action) {}

  private final CombinationStore store;
  private final MetricTracker tracker;
  private final int batchSize;
  private final long maxDelayNanos;
  private final Consumer<Throwable> onFailure;
  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private final LongAdder vehiclesWritten = new LongAdder();
  private final LongAdder fitmentsWritten = new LongAdder();
  private volatile Throwable failure;

  BatchWriter(
      CombinationStore store,
      MetricTracker tracker,
      int batchSize,
      Duration maxDelay,
      int queueCapacity,
      java.util.concurrent.ThreadFactory threads,
      Consumer<Throwable> onFailure) {
    this.store = store;
    this.tracker = tracker;
    this.batchSize = batchSize;
    this.maxDelayNanos = maxDelay.toNanos();
    this.onFailure = onFailure;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.thread = threads.newThread(this::loop);
  }

  /** Results waiting to be written. */
  int queued() {
    return queue.size();
  }

  void start() {
    thread.start();
  }

  /**
   * Queues a {@link Vehicle}, {@link Fitment}, {@link VehicleKey} (a vehicle now complete), {@link
   * CachedLevel}, {@link FailureRecord} or {@link AfterCommit}. Blocks while the queue is full.
   * Items given after the writer failed are dropped: the run is stopping, and a rerun redoes them.
   */
  void add(Object item) {
    if (failure != null) return;
    try {
      if (!queue.offer(item)) {
        long blockedAt = System.nanoTime();
        queue.put(item); // back-pressure: the store is slower than the workers
        tracker.record(MetricNames.WRITER_BLOCKED_MICROS, (System.nanoTime() - blockedAt) / 1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CwoException("interrupted while waiting to queue a result for the store", e);
    }
  }

  long vehiclesWritten() {
    return vehiclesWritten.sum();
  }

  long fitmentsWritten() {
    return fitmentsWritten.sum();
  }

  /** The error that stopped the writer, or {@code null}. */
  Throwable failure() {
    return failure;
  }

  /** Writes everything queued so far and stops the writer thread. */
  @Override
  public void close() {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(END);
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // finish the flush anyway: losing results is worse than a late stop
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void loop() {
    List<Object> pending = new ArrayList<>(batchSize);
    long deadline = 0;
    try {
      while (true) {
        Object item;
        if (pending.isEmpty()) {
          item = queue.take();
          deadline = System.nanoTime() + maxDelayNanos;
        } else {
          long wait = deadline - System.nanoTime();
          item = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (item == END) {
          commit(pending);
          return;
        }
        if (item != null) {
          pending.add(item);
          queue.drainTo(pending, Math.max(0, batchSize - pending.size()));
          if (pending.remove(END)) {
            commit(pending);
            return;
          }
        }
        if (pending.size() >= batchSize || (item == null && !pending.isEmpty())) {
          commit(pending);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new CwoException("the batch writer was interrupted; unwritten results will be redone on the next run", e));
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  private void fail(Throwable e) {
    failure = e;
    log.error("writing to the store failed; stopping the run (stored work is kept)", e);
    onFailure.accept(e);
    // keep the workers from blocking on a queue nobody drains
    Object item;
    do {
      try {
        item = queue.take();
      } catch (InterruptedException ie) {
        return;
      }
    } while (item != END);
  }

  private void commit(List<Object> items) {
    if (items.isEmpty()) return;
    List<Vehicle> vehicles = new ArrayList<>();
    List<Fitment> fitments = new ArrayList<>();
    List<VehicleKey> complete = new ArrayList<>();
    List<CachedLevel> levels = new ArrayList<>();
    List<FailureRecord> failures = new ArrayList<>();
    List<Runnable> after = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Fitment f) fitments.add(f);
      else if (o instanceof Vehicle v) vehicles.add(v);
      else if (o instanceof VehicleKey k) complete.add(k);
      else if (o instanceof CachedLevel l) levels.add(l);
      else if (o instanceof FailureRecord r) failures.add(r);
      else if (o instanceof AfterCommit a) after.add(a.action());
      else throw new IllegalStateException("unexpected item for the store: " + o);
    }
    items.clear();
    WriteBatch batch = new WriteBatch(vehicles, fitments, complete, levels, failures);
    if (!batch.isEmpty()) {
      tracker.record(MetricNames.STORE_WRITE_BATCH_SIZE, batch.size());
      try (MetricTracker.Scope scope = tracker.start(MetricNames.STORE_WRITE)) {
        try {
          store.write(batch);
        } catch (RuntimeException e) {
          scope.failed(e);
          throw e;
        }
      }
      tracker.count(MetricNames.STORE_WRITE_ITEMS, batch.size());
      vehiclesWritten.add(vehicles.size());
      fitmentsWritten.add(fitments.size());
    }
    after.forEach(Runnable::run);
  }
}
