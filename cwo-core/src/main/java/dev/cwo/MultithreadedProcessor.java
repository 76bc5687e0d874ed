package dev.cwo;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.FitmentSource;
import dev.cwo.spi.MetricTracker;
import dev.cwo.spi.ProgressListener;
import dev.cwo.spi.WorkCoordinator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the fitment table: walks the site's tree for a set of {@link YearMake} units with a pool
 * of workers and stores every vehicle and combination.
 *
 * <p>It composes the parts it is given: a {@link FitmentSource} (the site), a {@link
 * CombinationStore}, a {@link MetricTracker}, a {@link ProgressListener} and a {@link
 * WorkCoordinator}. Tasks never wait on their children; results go to the store in batches from
 * one writer thread; with {@code skipExisting} (the default) what the store already holds is
 * skipped with one query per batch of keys, so a run after a crash finishes the catalog without
 * repeating finished work. Failures of single items go to the store's failure journal and the run
 * goes on; the site's bot wall stops the run with {@link Outcome#BLOCKED}.
 *
 * <p>Thread-safe; one run at a time ({@link #process} calls are serialised). The processor owns
 * none of its parts: closing them is the caller's job.
 *
 * <pre>{@code
 * try (var fetch = HttpClient5FetchClient.builder().build();
 *      var store = JooqCombinationStore.builder().jdbcUrl("jdbc:sqlite:cwo.db").build()) {
 *   var processor = MultithreadedProcessor.builder()
 *       .source(CwoFitmentSource.builder().fetchClient(fetch).build())
 *       .store(store)
 *       .workers(10)
 *       .build();
 *   ProcessResult result = processor.process(UnitSelection.years(2020, 2026));
 *   System.out.println(result.summary());
 * }
 * }</pre>
 */
public final class MultithreadedProcessor {
  private static final Logger log = LoggerFactory.getLogger(MultithreadedProcessor.class);

  /** The processor's settings, as built. */
  record Settings(
      FitmentSource source,
      CombinationStore store,
      MetricTracker tracker,
      ProgressListener progress,
      WorkCoordinator coordinator,
      int workers,
      boolean skipExisting,
      boolean fast,
      int writeBatchSize,
      Duration writeMaxDelay,
      int maxActiveUnits,
      Duration progressInterval,
      Clock clock,
      ThreadFactory threadFactory,
      boolean fitments) {}

  private final Settings settings;
  private final Object runLock = new Object();
  private final AtomicReference<ScrapeRun> current = new AtomicReference<>();

  /** The run now, or the last one: what the gauges read. */
  private final AtomicReference<ScrapeRun> latest = new AtomicReference<>();

  private MultithreadedProcessor(Settings settings) {
    this.settings = settings;
    registerGauges(settings.tracker());
  }

  /**
   * Registers this processor's gauges once (see {@link MetricNames}): they read the current run, or
   * the last one when none is running, so they stay right across runs. Two processors on one
   * tracker: the first one's gauges win.
   */
  private void registerGauges(MetricTracker tracker) {
    tracker.gauge(MetricNames.TASKS_QUEUED, () -> read(ScrapeRun::queuedTasks));
    tracker.gauge(MetricNames.TASKS_ACTIVE, () -> read(ScrapeRun::activeTasks));
    tracker.gauge(MetricNames.UNITS_ACTIVE, () -> read(ScrapeRun::activeUnits));
    tracker.gauge(MetricNames.WRITER_QUEUE, () -> read(ScrapeRun::writerQueue));
    for (TreeLevel level : EtaEstimator.CHAIN) {
      tracker.gauge(MetricNames.tree(level, "found"), () -> level(level).found());
      tracker.gauge(MetricNames.tree(level, "skipped"), () -> level(level).skipped());
      tracker.gauge(MetricNames.tree(level, "done"), () -> level(level).done());
      tracker.gauge(MetricNames.tree(level, "failed"), () -> level(level).failed());
    }
  }

  private long read(java.util.function.ToIntFunction<ScrapeRun> figure) {
    ScrapeRun run = latest.get();
    return run == null ? 0 : figure.applyAsInt(run);
  }

  private dev.cwo.spi.LevelCounts level(TreeLevel level) {
    ScrapeRun run = latest.get();
    return run == null ? dev.cwo.spi.LevelCounts.ZERO
        : run.counts().getOrDefault(level, dev.cwo.spi.LevelCounts.ZERO);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scrapes the given units (and nothing else) and returns when they are done, the run was stopped,
   * or the bot wall blocked it.
   *
   * @throws StoreException if the store failed (stored work is kept; run again to resume)
   */
  public ProcessResult process(Collection<YearMake> units) {
    Objects.requireNonNull(units, "units");
    synchronized (runLock) {
      ScrapeRun run = new ScrapeRun(settings);
      current.set(run);
      latest.set(run);
      try {
        ProcessResult result = run.execute(new TreeSet<>(units));
        log.info("{}", result.summary());
        return result;
      } finally {
        current.set(null);
      }
    }
  }

  /** Discovers the units of {@code selection} (see {@link #discover}) and scrapes them. */
  public ProcessResult process(UnitSelection selection) {
    return process(discover(selection));
  }

  /** Runs {@link #process(Collection)} on a thread of its own. */
  public CompletableFuture<ProcessResult> processAsync(Collection<YearMake> units) {
    CompletableFuture<ProcessResult> future = new CompletableFuture<>();
    Thread t = settings.threadFactory().newThread(() -> {
      try {
        future.complete(process(units));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    });
    t.start();
    return future;
  }

  /**
   * Lists the {@link YearMake} units of a selection: the site's years in range, and each year's makes
   * (kept to the selection's makes), as the original's first stage did. With {@code fast}, lists
   * already in the store are used without asking the site.
   *
   * @throws FetchException if the list of years cannot be had; a year whose makes cannot be had is
   *     recorded in the failure journal and left out
   */
  public List<YearMake> discover(UnitSelection selection) {
    Objects.requireNonNull(selection, "selection");
    List<Integer> years = new ArrayList<>();
    for (String y : level(TreeLevel.YEARS, List.of(), () -> toStrings(settings.source().years()))) {
      int year;
      try {
        year = Integer.parseInt(y);
      } catch (NumberFormatException e) {
        throw new MalformedResponseException("the site listed a year that is not a number: \"" + y + "\"", null, -1, e);
      }
      if (selection.includesYear(year)) years.add(year);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.workers(), Math.max(1, years.size())), settings.threadFactory());
    try {
      List<CompletableFuture<List<YearMake>>> futures = new ArrayList<>();
      for (int year : years) {
        futures.add(CompletableFuture.supplyAsync(() -> makesOf(year, selection), pool));
      }
      TreeSet<YearMake> units = new TreeSet<>();
      for (CompletableFuture<List<YearMake>> f : futures) units.addAll(f.join());
      return List.copyOf(units);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<YearMake> makesOf(int year, UnitSelection selection) {
    List<String> path = List.of(String.valueOf(year));
    try {
      List<YearMake> units = new ArrayList<>();
      for (String make : level(TreeLevel.MAKES, path, () -> settings.source().makes(year))) {
        if (selection.includesMake(make)) units.add(new YearMake(year, make));
      }
      return units;
    } catch (BlockedException | StoreException e) {
      throw e;
    } catch (CwoException e) {
      log.warn("could not list the makes of {}: {}", year, e.getMessage());
      settings.store().write(new dev.cwo.spi.WriteBatch(List.of(), List.of(), List.of(), List.of(),
          List.of(FailureRecord.of(TreeLevel.MAKES, path, e, 1, settings.clock().instant()))));
      return List.of();
    }
  }

  private List<String> level(TreeLevel level, List<String> path, java.util.function.Supplier<List<String>> fetch) {
    if (settings.fast()) {
      var cached = settings.store().cachedLevel(level, path);
      if (cached.isPresent()) return cached.get();
    }
    List<String> children = List.copyOf(new java.util.LinkedHashSet<>(fetch.get()));
    settings.store().write(new dev.cwo.spi.WriteBatch(List.of(), List.of(), List.of(),
        List.of(new CachedLevel(level, path, children)), List.of()));
    return children;
  }

  private static List<String> toStrings(List<Integer> years) {
    List<String> out = new ArrayList<>(years.size());
    for (Integer y : years) out.add(String.valueOf(y));
    return out;
  }

  /**
   * Stops the current run, if any: queued work is dropped (a later run redoes it), work in progress
   * finishes, results are flushed, and {@link #process} returns with {@link Outcome#STOPPED}.
   * Returns at once; see {@link #stop(Duration)} to wait.
   */
  public void stop() {
    ScrapeRun run = current.get();
    if (run != null) run.stop(Outcome.STOPPED);
  }

  /**
   * Stops the current run as {@link #stop()} does and waits up to {@code timeout} for it to end.
   *
   * @return true if no run is going on any more
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    ScrapeRun run = current.get();
    if (run == null) return true;
    run.stop(Outcome.STOPPED);
    return run.awaitEnd(timeout);
  }

  /**
   * Runs again the items in the store's failure journal: the units they belong to are walked once
   * more, and with {@code skipExisting} (the default) only what is not stored is fetched, which is
   * exactly the failed items and what hangs below them. An item that succeeds leaves the journal.
   */
  public ProcessResult retryFailed() {
    TreeSet<YearMake> units = new TreeSet<>();
    boolean discovery = false;
    for (FailureRecord f : settings.store().failures()) {
      if (f.path().size() >= 2) {
        units.add(new YearMake(Integer.parseInt(f.path().get(0)), f.path().get(1)));
      } else {
        discovery = true; // the list of years, or of a year's makes, failed: discover again
      }
    }
    if (discovery) {
      for (FailureRecord f : settings.store().failures()) {
        if (f.path().size() == 1) {
          int year = Integer.parseInt(f.path().get(0));
          units.addAll(discover(UnitSelection.years(year, year)));
        }
      }
    }
    return process(units);
  }

  /**
   * Builds a {@link MultithreadedProcessor}. Not thread-safe; {@link #build()} checks every setting
   * and names each bad one.
   */
  public static final class Builder {
    private FitmentSource source;
    private CombinationStore store;
    private MetricTracker tracker = MetricTracker.noop();
    private ProgressListener progress = new LoggingProgressListener(Duration.ofSeconds(30));
    private WorkCoordinator coordinator;
    private int workers = 10;
    private boolean skipExisting = true;
    private boolean fast;
    private int writeBatchSize = 500;
    private Duration writeMaxDelay = Duration.ofMillis(250);
    private Integer maxActiveUnits;
    private Duration progressInterval = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threadFactory;
    private boolean virtualThreads;
    private boolean fitments = true;

    private Builder() {}

    /**
     * Whether to fetch the fitment pages; default true. False stops at the vehicle records (no
     * sessions, no combinations): a quick first pass, or a catalog of vehicles only. Vehicles are
     * then not marked complete, so a later run with fitments fetches their combinations.
     */
    public Builder fitments(boolean fitments) {
      this.fitments = fitments;
      return this;
    }

    /**
     * Runs the workers on virtual threads (Java 21 or newer); default false (platform threads).
     * Worth it with many workers against a slow site: a waiting virtual thread costs almost nothing.
     */
    public Builder virtualThreads(boolean virtualThreads) {
      this.virtualThreads = virtualThreads;
      return this;
    }

    /** The site. Required. */
    public Builder source(FitmentSource source) {
      this.source = source;
      return this;
    }

    /** Where results go. Required. */
    public Builder store(CombinationStore store) {
      this.store = store;
      return this;
    }

    /** Metrics; default {@link MetricTracker#noop()}. Wrapped with {@link MetricTracker#guarded}. */
    public Builder metricTracker(MetricTracker tracker) {
      this.tracker = tracker;
      return this;
    }

    /**
     * Progress snapshots; default a {@link LoggingProgressListener} that logs a line at most every
     * 30 s and at the end ({@link ProgressListener#none()} for silence).
     */
    public Builder progressListener(ProgressListener progress) {
      this.progress = progress;
      return this;
    }

    /** How often the progress listener hears; default 5 s. */
    public Builder progressInterval(Duration every) {
      this.progressInterval = every;
      return this;
    }

    /**
     * Which units this process owns; default a fresh {@link WorkCoordinator#local()} (all of them)
     * for each run. With a coordinator shared by several processes, {@link #process} offers its
     * units and then works on whatever the coordinator hands this process, until it has nothing
     * more for it; a unit it no longer {@linkplain WorkCoordinator#holds holds} is dropped.
     */
    public Builder coordinator(WorkCoordinator coordinator) {
      this.coordinator = coordinator;
      return this;
    }

    /** Worker threads (the original's {@code WORKERS}); default 10; 1 is the original's {@code MULTITHREADING=false}. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** Skip what the store already has (the original's {@code SKIP_EXISTING}); default true. */
    public Builder skipExisting(boolean skipExisting) {
      this.skipExisting = skipExisting;
      return this;
    }

    /** Trust tree levels already in the store instead of asking the site again (the original's {@code FAST}); default false. */
    public Builder fast(boolean fast) {
      this.fast = fast;
      return this;
    }

    /** Items per store transaction; default 500. */
    public Builder writeBatchSize(int size) {
      this.writeBatchSize = size;
      return this;
    }

    /** The longest a result waits before its batch is written; default 250 ms. */
    public Builder writeMaxDelay(Duration delay) {
      this.writeMaxDelay = delay;
      return this;
    }

    /** How many units may be open at once; default {@code max(2, workers)}. */
    public Builder maxActiveUnits(int units) {
      this.maxActiveUnits = units;
      return this;
    }

    /** The clock for timestamps and durations; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Makes the worker, writer and timer threads; default daemon threads named {@code cwo-N}. */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = factory;
      return this;
    }

    /**
     * @throws InvalidConfigurationException naming every setting that is missing or out of range
     */
    public MultithreadedProcessor build() {
      List<String> problems = new ArrayList<>();
      if (source == null) problems.add("source is required");
      if (store == null) problems.add("store is required");
      if (tracker == null) problems.add("metricTracker must not be null (use MetricTracker.noop())");
      if (progress == null) problems.add("progressListener must not be null (use ProgressListener.none())");
      if (clock == null) problems.add("clock must not be null");
      if (workers < 1 || workers > 4096) problems.add("workers must be 1..4096, was " + workers);
      if (writeBatchSize < 1 || writeBatchSize > 100_000) {
        problems.add("writeBatchSize must be 1..100000, was " + writeBatchSize);
      }
      if (writeMaxDelay == null || writeMaxDelay.isNegative() || writeMaxDelay.isZero()) {
        problems.add("writeMaxDelay must be positive, was " + writeMaxDelay);
      }
      if (progressInterval == null || progressInterval.toMillis() < 1) {
        problems.add("progressInterval must be at least 1 ms, was " + progressInterval);
      }
      if (maxActiveUnits != null && maxActiveUnits < 1) {
        problems.add("maxActiveUnits must be at least 1, was " + maxActiveUnits);
      }
      if (virtualThreads && threadFactory != null) {
        problems.add("give threadFactory or virtualThreads, not both");
      }
      if (virtualThreads && Runtime.version().feature() < 21) {
        problems.add("virtualThreads needs Java 21 or newer; this JVM is " + Runtime.version());
      }
      if (!problems.isEmpty()) throw new InvalidConfigurationException("MultithreadedProcessor settings", problems);
      ThreadFactory threads = threadFactory != null ? threadFactory
          : virtualThreads ? virtualThreadFactory() : daemonThreads();
      return new MultithreadedProcessor(
          new Settings(
              source,
              store,
              MetricTracker.guarded(tracker),
              progress,
              coordinator, // null: a fresh local coordinator per run
              workers,
              skipExisting,
              fast,
              writeBatchSize,
              writeMaxDelay,
              maxActiveUnits != null ? maxActiveUnits : Math.max(2, workers),
              progressInterval,
              clock,
              threads,
              fitments));
    }

    /**
     * {@code Thread.ofVirtual().name("cwo-v-", 0).factory()}, looked up at run time so that cwo
     * still compiles and runs on Java 17.
     */
    private static ThreadFactory virtualThreadFactory() {
      try {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> type = Class.forName("java.lang.Thread$Builder");
        builder = type.getMethod("name", String.class, long.class).invoke(builder, "cwo-v-", 0L);
        return (ThreadFactory) type.getMethod("factory").invoke(builder);
      } catch (ReflectiveOperationException e) {
        throw new InvalidConfigurationException(
            "MultithreadedProcessor settings",
            List.of("virtualThreads: this JVM (" + Runtime.version() + ") offers no virtual threads: " + e));
      }
    }

    private static ThreadFactory daemonThreads() {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, "cwo-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
