package dev.cwo;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.FitmentSession;
import dev.cwo.spi.FitmentSource;
import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.MetricTracker;
import dev.cwo.spi.ProgressSnapshot;
import dev.cwo.spi.WorkCoordinator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link MultithreadedProcessor#process}: the worker pool, the task queue, the writer,
 * and the counts. Used once.
 *
 * <p>Every step of the tree is a {@link Task} that fetches one thing, submits its children and
 * returns: no task waits on another. Tasks wait in a priority queue, deepest level first and then in
 * submission order, so the pages of a vehicle are fetched together and discovery only runs ahead
 * when the deeper levels are drained; at most {@code maxActiveUnits} units are open at once. Both
 * keep the queue, and so memory, small however large the catalog.
 */
final class ScrapeRun {
  private static final Logger log = LoggerFactory.getLogger(ScrapeRun.class);
  private static final int MAX_FAILURES_KEPT = 1_000;

  private final MultithreadedProcessor.Settings settings;
  private final FitmentSource source;
  private final CombinationStore store;
  private final MetricTracker tracker;
  private final WorkCoordinator coordinator;
  private final ThreadPoolExecutor pool;
  private final BatchWriter writer;
  private final Map<TreeLevel, Counter> counters = new EnumMap<>(TreeLevel.class);
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong failureCount = new AtomicLong();
  private final List<FailureRecord> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<Outcome> stopReason = new AtomicReference<>();
  private final AtomicReference<BlockedException> blockedBy = new AtomicReference<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quiet = lock.newCondition();
  private long pending; // guarded by lock
  private int activeUnits; // guarded by lock
  private volatile boolean stopping;
  private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
  private Instant started;
  private EtaEstimator eta = new EtaEstimator(0, Duration.ofMinutes(1));
  private volatile boolean finalReported;

  ScrapeRun(MultithreadedProcessor.Settings settings) {
    this.settings = settings;
    this.source = settings.source();
    this.store = settings.store();
    this.tracker = settings.tracker();
    this.coordinator =
        settings.coordinator() != null ? settings.coordinator() : WorkCoordinator.local();
    for (TreeLevel level : TreeLevel.values()) counters.put(level, new Counter());
    this.pool =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            1,
            TimeUnit.MINUTES,
            new PriorityBlockingQueue<>(),
            settings.threadFactory());
    this.writer =
        new BatchWriter(
            store,
            tracker,
            settings.writeBatchSize(),
            settings.writeMaxDelay(),
            settings.writeBatchSize() * 4,
            settings.threadFactory(),
            this::abort);
  }

  ProcessResult execute(Collection<YearMake> units) {
    started = settings.clock().instant();
    eta = new EtaEstimator(units.size(), Duration.ofMinutes(1));
    coordinator.offer(units);
    writer.start();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(settings.threadFactory());
    long every = settings.progressInterval().toMillis();
    ticker.scheduleAtFixedRate(this::reportProgress, every, every, TimeUnit.MILLISECONDS);
    try {
      lock.lock();
      try {
        awaitUnitsLocked();
      } finally {
        lock.unlock();
      }
    } catch (InterruptedException e) {
      stop(Outcome.STOPPED);
      awaitQuietUninterruptibly();
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdown();
      ticker.shutdownNow();
      writer.close();
      ended.countDown();
    }
    reportFinalProgress();
    Throwable error = fatal.get();
    if (error != null) {
      if (error instanceof StoreException se) throw se;
      throw new StoreException("the run stopped because the store failed: " + error, error);
    }
    return result();
  }

  /** Waits up to {@code timeout} for the run to end (its results flushed). */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the run: queued tasks are dropped (a rerun redoes them), running ones finish. */
  void stop(Outcome reason) {
    stopReason.compareAndSet(null, reason);
    stopping = true;
    List<Runnable> dropped = new ArrayList<>();
    pool.getQueue().drainTo(dropped);
    for (Runnable r : dropped) ((Task) r).abandonAndFinish();
    lock.lock();
    try {
      quiet.signalAll(); // wakes a run idling for units leased elsewhere
    } finally {
      lock.unlock();
    }
  }

  private void abort(Throwable error) {
    fatal.compareAndSet(null, error);
    stop(Outcome.STOPPED);
  }

  private void block(BlockedException e) {
    if (blockedBy.compareAndSet(null, e)) {
      log.warn("{}", e.getMessage());
    }
    stop(Outcome.BLOCKED);
  }

  private void awaitQuietUninterruptibly() {
    lock.lock();
    try {
      while (pending > 0) quiet.awaitUninterruptibly();
    } finally {
      lock.unlock();
    }
  }

  // --- units ---------------------------------------------------------------------------------

  /**
   * Claims units and waits until none is running and the coordinator has no more for this
   * process. While it has room, it asks again as often as {@link WorkCoordinator#retryClaimAfter}
   * says (units leased by other processes may come back). Holds the lock.
   */
  private void awaitUnitsLocked() throws InterruptedException {
    while (true) {
      claimUnits();
      boolean room = !stopping && activeUnits < settings.maxActiveUnits();
      Optional<Duration> retry = room ? coordinator.retryClaimAfter() : Optional.empty();
      if (pending == 0 && retry.isEmpty()) return;
      if (retry.isPresent()) {
        quiet.await(retry.get().toNanos(), TimeUnit.NANOSECONDS);
      } else {
        quiet.await();
      }
    }
  }

  /** Claims units until {@code maxActiveUnits} are open. Holds the lock. */
  private void claimUnits() {
    while (!stopping && activeUnits < settings.maxActiveUnits()) {
      Optional<YearMake> next = coordinator.claim();
      if (next.isEmpty()) return;
      activeUnits++;
      Unit unit = new Unit(next.get());
      counters.get(TreeLevel.MODELS).found.increment();
      submit(new ModelsTask(unit));
    }
  }

  private void unitFinished(Unit unit) {
    if (unit.lost()) {
      log.warn("lost the lease of {}; another process finishes it", unit.unit);
    } else if (stopping) {
      coordinator.release(unit.unit, new CwoException("the run stopped before " + unit.unit + " was finished"));
    } else {
      // done even with failures: those items are in the failure journal, for retryFailed()
      writer.add(new BatchWriter.AfterCommit(() -> coordinator.done(unit.unit)));
    }
    lock.lock();
    try {
      activeUnits--;
      claimUnits();
    } finally {
      lock.unlock();
    }
  }

  private final class Unit {
    final YearMake unit;
    final AtomicInteger outstanding = new AtomicInteger();
    /** Once the lease was seen lost, this claim of the unit stays lost (even if claimed again later). */
    private volatile boolean lost;

    Unit(YearMake unit) {
      this.unit = unit;
    }

    boolean lost() {
      if (!lost && !coordinator.holds(unit)) lost = true;
      return lost;
    }
  }

  // --- tasks ---------------------------------------------------------------------------------

  private void submit(Task task) {
    if (stopping) {
      task.abandon();
      return;
    }
    task.unit.outstanding.incrementAndGet();
    lock.lock();
    try {
      pending++;
    } finally {
      lock.unlock();
    }
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      task.abandonAndFinish();
    }
  }

  private void finished(Task task) {
    if (task.unit.outstanding.decrementAndGet() == 0) unitFinished(task.unit);
    lock.lock();
    try {
      if (--pending == 0) quiet.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private abstract class Task implements Runnable, Comparable<Task> {
    final Unit unit;
    final TreeLevel level;
    final long seq = sequence.getAndIncrement();
    final long queuedAt = System.nanoTime();

    Task(Unit unit, TreeLevel level) {
      this.unit = unit;
      this.level = level;
    }

    abstract List<String> path();

    abstract void execute();

    /** Called instead of {@link #execute} when the run stops before the task ran. */
    void abandon() {}

    /** Called after the task's failure was recorded. */
    void onFailure() {}

    final void abandonAndFinish() {
      try {
        abandon();
      } finally {
        finished(this);
      }
    }

    @Override
    public final void run() {
      try {
        if (stopping || unit.lost()) {
          abandon(); // a unit whose lease was lost is finished by its new owner
        } else {
          tracker.record(MetricNames.TASKS_WAIT_MICROS, (System.nanoTime() - queuedAt) / 1_000);
          try (MetricTracker.Scope scope = tracker.start(MetricNames.task(level))) {
            try {
              execute();
            } catch (RuntimeException | Error e) {
              scope.failed(e);
              throw e;
            }
          }
        }
      } catch (RuntimeException e) {
        failed(this, e);
      } finally {
        finished(this);
      }
    }

    @Override
    public final int compareTo(Task o) {
      int c = Integer.compare(o.level.ordinal(), level.ordinal());
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private void failed(Task task, RuntimeException e) {
    if (e instanceof BlockedException b) {
      block(b);
      task.abandon();
      return;
    }
    if (e instanceof StoreException) {
      abort(e);
      task.abandon();
      return;
    }
    if (stopping) {
      task.abandon();
      return; // errors while stopping are the stop's echo, not the item's fault
    }
    if (!(e instanceof FetchException)) {
      log.warn("unexpected error at {} {}", task.level, task.path(), e);
    } else {
      log.warn("{} {} failed: {}", task.level, task.path(), e.getMessage());
    }
    FailureRecord record = FailureRecord.of(task.level, task.path(), e, 1, settings.clock().instant());
    counters.get(task.level).failed.increment();
    failureCount.incrementAndGet();
    if (failures.size() < MAX_FAILURES_KEPT) failures.add(record);
    task.onFailure();
    writer.add(record);
  }

  /** Runs one store query inside a metric scope named {@code operation}. */
  private <T> T timed(String operation, Supplier<T> query) {
    try (MetricTracker.Scope scope = tracker.start(operation)) {
      try {
        return query.get();
      } catch (RuntimeException | Error e) {
        scope.failed(e);
        throw e;
      }
    }
  }

  /** Lists one level of the tree: from the store when {@code fast} and cached, else from the site. */
  private List<String> children(TreeLevel level, List<String> path, Supplier<List<String>> fetch) {
    Counter counter = counters.get(level);
    if (settings.fast()) {
      Optional<List<String>> cached =
          timed(MetricNames.STORE_CACHED_LEVEL, () -> store.cachedLevel(level, path));
      if (cached.isPresent()) {
        counter.skipped.increment();
        return cached.get();
      }
    }
    List<String> children = List.copyOf(new LinkedHashSet<>(fetch.get()));
    counter.done.increment();
    writer.add(new CachedLevel(level, path, children));
    return children;
  }

  private final class ModelsTask extends Task {
    ModelsTask(Unit unit) {
      super(unit, TreeLevel.MODELS);
    }

    @Override
    List<String> path() {
      return List.of(String.valueOf(unit.unit.year()), unit.unit.make());
    }

    @Override
    void execute() {
      YearMake ym = unit.unit;
      for (String model : children(level, path(), () -> source.models(ym.year(), ym.make()))) {
        counters.get(TreeLevel.TRIMS).found.increment();
        submit(new TrimsTask(unit, model));
      }
    }
  }

  private final class TrimsTask extends Task {
    final String model;

    TrimsTask(Unit unit, String model) {
      super(unit, TreeLevel.TRIMS);
      this.model = model;
    }

    @Override
    List<String> path() {
      return List.of(String.valueOf(unit.unit.year()), unit.unit.make(), model);
    }

    @Override
    void execute() {
      YearMake ym = unit.unit;
      for (String trim : children(level, path(), () -> source.trims(ym.year(), ym.make(), model))) {
        counters.get(TreeLevel.DRIVES).found.increment();
        submit(new DrivesTask(unit, model, trim));
      }
    }
  }

  private final class DrivesTask extends Task {
    final String model;
    final String trim;

    DrivesTask(Unit unit, String model, String trim) {
      super(unit, TreeLevel.DRIVES);
      this.model = model;
      this.trim = trim;
    }

    @Override
    List<String> path() {
      return List.of(String.valueOf(unit.unit.year()), unit.unit.make(), model, trim);
    }

    @Override
    void execute() {
      YearMake ym = unit.unit;
      List<String> drives =
          children(level, path(), () -> source.drives(ym.year(), ym.make(), model, trim));
      List<VehicleKey> keys = new ArrayList<>(drives.size());
      for (String drive : drives) keys.add(new VehicleKey(ym.year(), ym.make(), model, trim, drive));
      Counter vehicles = counters.get(TreeLevel.VEHICLES);
      vehicles.found.add(keys.size());
      Set<VehicleKey> complete = Set.of();
      Map<VehicleKey, Vehicle> stored = Map.of();
      if (settings.skipExisting() && !keys.isEmpty()) {
        List<VehicleKey> asked = keys;
        complete = timed(MetricNames.STORE_COMPLETED_VEHICLES, () -> store.completedVehicles(asked));
        List<VehicleKey> open = new ArrayList<>(keys);
        open.removeAll(complete);
        stored = open.isEmpty() ? Map.of()
            : timed(MetricNames.STORE_FIND_VEHICLES, () -> store.findVehicles(open));
      }
      for (VehicleKey key : keys) {
        if (complete.contains(key)) {
          vehicles.skipped.increment();
        } else if (stored.containsKey(key)) {
          vehicles.skipped.increment();
          if (settings.fitments()) {
            counters.get(TreeLevel.SESSIONS).found.increment();
            submit(new SessionTask(unit, stored.get(key)));
          }
        } else {
          submit(new VehicleTask(unit, key));
        }
      }
    }
  }

  private final class VehicleTask extends Task {
    final VehicleKey key;

    VehicleTask(Unit unit, VehicleKey key) {
      super(unit, TreeLevel.VEHICLES);
      this.key = key;
    }

    @Override
    List<String> path() {
      return FailureRecord.pathOf(key);
    }

    @Override
    void execute() {
      Vehicle vehicle = source.vehicle(key);
      counters.get(level).done.increment();
      writer.add(vehicle);
      if (vehicle.hasData() && !settings.fitments()) {
        return; // stop at the record; not complete: a run with fitments fetches its combinations
      }
      if (vehicle.hasData()) {
        counters.get(TreeLevel.SESSIONS).found.increment();
        submit(new SessionTask(unit, vehicle));
      } else {
        writer.add(key); // a vehicle without data has nothing more to fetch
      }
    }
  }

  private final class SessionTask extends Task {
    final Vehicle vehicle;

    SessionTask(Unit unit, Vehicle vehicle) {
      super(unit, TreeLevel.SESSIONS);
      this.vehicle = vehicle;
    }

    @Override
    List<String> path() {
      return FailureRecord.pathOf(vehicle.key());
    }

    @Override
    void execute() {
      if (!vehicle.hasData()) {
        counters.get(level).done.increment();
        writer.add(vehicle.key());
        return;
      }
      FitmentSession session = source.openSession(vehicle);
      List<FitmentOption> missing;
      try {
        List<FitmentOption> options = List.copyOf(new LinkedHashSet<>(session.options()));
        counters.get(level).done.increment();
        Counter combos = counters.get(TreeLevel.COMBINATIONS);
        combos.found.add(options.size());
        missing = options;
        if (settings.skipExisting() && !options.isEmpty()) {
          List<CombinationKey> keys = new ArrayList<>(options.size());
          for (FitmentOption o : options) keys.add(new CombinationKey(vehicle.key(), o));
          Set<CombinationKey> existing = new HashSet<>(
              timed(MetricNames.STORE_EXISTING_COMBINATIONS, () -> store.existingCombinations(keys)));
          missing = new ArrayList<>(options.size());
          for (FitmentOption o : options) {
            if (existing.contains(new CombinationKey(vehicle.key(), o))) combos.skipped.increment();
            else missing.add(o);
          }
        }
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      if (missing.isEmpty()) {
        session.close();
        writer.add(vehicle.key());
        return;
      }
      VehicleWork work = new VehicleWork(vehicle.key(), session, missing.size());
      for (FitmentOption option : missing) submit(new FitmentTask(unit, work, option));
    }
  }

  /** The fitment pages of one vehicle still to come; closes the session after the last. */
  private final class VehicleWork {
    final VehicleKey key;
    final FitmentSession session;
    final AtomicInteger remaining;
    volatile boolean incomplete;

    VehicleWork(VehicleKey key, FitmentSession session, int pages) {
      this.key = key;
      this.session = session;
      this.remaining = new AtomicInteger(pages);
    }

    void pageDone(boolean ok) {
      if (!ok) incomplete = true;
      if (remaining.decrementAndGet() == 0) {
        session.close();
        if (!incomplete) writer.add(key);
      }
    }
  }

  private final class FitmentTask extends Task {
    final VehicleWork work;
    final FitmentOption option;
    private boolean settled;

    FitmentTask(Unit unit, VehicleWork work, FitmentOption option) {
      super(unit, TreeLevel.COMBINATIONS);
      this.work = work;
      this.option = option;
    }

    @Override
    List<String> path() {
      return FailureRecord.pathOf(new CombinationKey(work.key, option));
    }

    @Override
    void execute() {
      Fitment fitment = work.session.fitment(option);
      counters.get(level).done.increment();
      writer.add(fitment);
      settle(true);
    }

    @Override
    void abandon() {
      settle(false);
    }

    @Override
    void onFailure() {
      settle(false);
    }

    private void settle(boolean ok) {
      if (settled) return;
      settled = true;
      work.pageDone(ok);
    }
  }

  // --- results -------------------------------------------------------------------------------

  private static final class Counter {
    final LongAdder found = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder done = new LongAdder();
    final LongAdder failed = new LongAdder();

    LevelCounts snapshot() {
      return new LevelCounts(found.sum(), skipped.sum(), done.sum(), failed.sum());
    }
  }

  /** The counts so far, per level; read by the processor's gauges. */
  Map<TreeLevel, LevelCounts> counts() {
    Map<TreeLevel, LevelCounts> map = new EnumMap<>(TreeLevel.class);
    counters.forEach((level, counter) -> map.put(level, counter.snapshot()));
    return map;
  }

  /** Tasks waiting for a worker; read by the processor's gauges. */
  int queuedTasks() {
    return pool.getQueue().size();
  }

  /** Tasks running now; read by the processor's gauges. */
  int activeTasks() {
    return pool.getActiveCount();
  }

  /** Units open now; read by the processor's gauges. */
  int activeUnits() {
    lock.lock();
    try {
      return activeUnits;
    } finally {
      lock.unlock();
    }
  }

  /** Results waiting for the store writer; read by the processor's gauges. */
  int writerQueue() {
    return writer.queued();
  }

  private void reportProgress() {
    report(false);
  }

  private void reportFinalProgress() {
    report(true);
  }

  /** Hands a snapshot to the listener, one at a time; a periodic one after the last is dropped. */
  private synchronized void report(boolean last) {
    if (finalReported) return;
    finalReported = last;
    try {
      ProgressSnapshot snapshot =
          eta.snapshot(counts(), Duration.between(started, settings.clock().instant()), last);
      settings.progress().onProgress(snapshot);
    } catch (RuntimeException e) {
      log.warn("progress listener failed; ignored", e);
    }
  }

  private ProcessResult result() {
    Outcome outcome = stopReason.get();
    if (outcome == null) {
      outcome = failureCount.get() > 0 ? Outcome.COMPLETED_WITH_FAILURES : Outcome.COMPLETE;
    }
    return new ProcessResult(
        outcome,
        counts(),
        new ArrayList<>(failures),
        failureCount.get(),
        writer.vehiclesWritten(),
        writer.fitmentsWritten(),
        Duration.between(started, settings.clock().instant()),
        Optional.ofNullable(blockedBy.get()));
  }
}
