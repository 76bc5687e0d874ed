package dev.cwo.examples.cli;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.MetricNames;
import dev.cwo.db.PostgresLeaseCoordinator;
import dev.cwo.metrics.DropwizardMetricTracker;
import dev.cwo.metrics.PerformanceMonitor;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.net.PoliteFetchClient;
import dev.cwo.spi.ProgressListener;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;

/** One scrape as the command line runs it: builds the default parts, runs, prints a summary. */
final class ScrapeJob {
  private final URI apiBase;
  private final URI storeBase;
  private final Settings settings;
  private final String jdbcUrl;
  private final RunOptions options;
  private final java.nio.file.Path cookies;
  private final PrintWriter out;
  private java.nio.file.Path metricsJson;
  private boolean printReport;
  private boolean terminal;
  private FleetOptions fleet;

  ScrapeJob(URI apiBase, URI storeBase, Settings settings, RunOptions options,
      java.nio.file.Path cookies, PrintWriter out) {
    this.apiBase = apiBase;
    this.storeBase = storeBase;
    this.settings = settings;
    this.jdbcUrl = settings.db();
    this.options = options;
    this.cookies = cookies;
    this.out = out;
  }

  /**
   * What to do for observability: write the metrics JSON to {@code metricsJson} at the end (null:
   * don't), print the performance report, and show a progress bar ({@code terminal}) rather than
   * plain progress lines.
   */
  ScrapeJob observability(java.nio.file.Path metricsJson, boolean printReport, boolean terminal) {
    this.metricsJson = metricsJson;
    this.printReport = printReport;
    this.terminal = terminal;
    return this;
  }

  /** Makes this run one process of a fleet (see {@link FleetOptions}); null: a lone run. */
  ScrapeJob fleet(FleetOptions fleet) {
    this.fleet = fleet;
    return this;
  }

  /** Runs the scrape of the selected units and returns its exit code. */
  int run(picocli.CommandLine cli) {
    dev.cwo.UnitSelection selection = options.selection(cli); // bad input fails before anything opens
    return run(cli, processor -> {
      java.util.List<dev.cwo.YearMake> units = processor.discover(selection);
      unitCount = units.size();
      return processor.process(units);
    });
  }

  /** Runs the items of the failure journal again and returns the exit code. */
  int retryFailed(picocli.CommandLine cli) {
    return run(cli, MultithreadedProcessor::retryFailed);
  }

  private long unitCount;

  /**
   * Builds the parts, runs {@code action} on the processor with the observers (Prometheus
   * endpoint, progress) up, then writes the metrics and prints the summary and report. Returns the
   * exit code.
   */
  int run(picocli.CommandLine cli, java.util.function.Function<MultithreadedProcessor, ProcessResult> action) {
    MetricRegistry registry = new MetricRegistry();
    DropwizardMetricTracker tracker = DropwizardMetricTracker.of(registry);
    PerformanceMonitor monitor = PerformanceMonitor.of(tracker);
    monitor.registerJvmMetrics();
    if (metricsJson != null) checkWritable(cli, metricsJson);
    try (Observers observers = startObservers(cli, registry)) {
      return run(cli, action, registry, tracker, observers, monitor);
    }
  }

  /** Writes the metrics JSON and prints the report; called while the pools are open, so their gauges read. */
  private void finishObservability(PerformanceMonitor monitor) {
    if (metricsJson != null) {
      monitor.exportJson(metricsJson);
      out.printf("metrics:       %s (print it again with: cwo report %s)%n", metricsJson, metricsJson);
    }
    if (printReport) {
      out.println();
      monitor.reportLines().forEach(out::println);
    }
    out.flush();
  }

  /** Fails early, as bad usage, when the metrics file cannot be written where asked. */
  private static void checkWritable(picocli.CommandLine cli, java.nio.file.Path file) {
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !java.nio.file.Files.isDirectory(dir) || !java.nio.file.Files.isWritable(dir)
        || java.nio.file.Files.isDirectory(file)) {
      throw new picocli.CommandLine.ParameterException(cli,
          "--metrics-json: cannot write " + file + " (its directory must exist and be writable)");
    }
  }

  /** What watches a run: the Prometheus endpoint, if asked for. */
  private final class Observers implements AutoCloseable {
    PrometheusEndpoint prometheus;
    ProgressBarListener bar;

    @Override
    public void close() {
      if (bar != null) bar.close();
      if (prometheus != null) prometheus.close();
    }
  }

  private Observers startObservers(picocli.CommandLine cli, MetricRegistry registry) {
    Observers o = new Observers();
    if (options.prometheusPort != null) {
      int port = options.prometheusPort;
      if (port < 0 || port > 65535) {
        throw new picocli.CommandLine.ParameterException(cli, "--prometheus-port must be 0..65535, was " + port);
      }
      try {
        o.prometheus = new PrometheusEndpoint(registry, options.prometheusHost, port);
      } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(cli, "--prometheus-port: " + e.getMessage());
      }
      out.printf("prometheus:    %s%n", o.prometheus.uri());
      out.flush();
    }
    return o;
  }

  private ProgressListener progressListener(Observers observers) {
    if (options.quiet) return ProgressListener.none();
    if (terminal) {
      observers.bar = new ProgressBarListener(
          new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err), unitCount);
      return observers.bar;
    }
    return new PlainProgress(out, Duration.ofSeconds(10));
  }

  private int run(picocli.CommandLine cli, java.util.function.Function<MultithreadedProcessor, ProcessResult> action,
      MetricRegistry registry, DropwizardMetricTracker tracker, Observers observers,
      PerformanceMonitor monitor) {
    java.util.List<dev.cwo.net.UserCookie> userCookies = java.util.List.of();
    if (cookies != null) {
      try {
        userCookies = dev.cwo.net.CookieFiles.read(cookies);
      } catch (java.io.IOException | RuntimeException e) {
        throw new picocli.CommandLine.ParameterException(cli, "--cookies: cannot read " + cookies + ": " + e.getMessage());
      }
    }
    try (HttpClient5FetchClient plain =
            HttpClient5FetchClient.builder()
                .maxConnectionsPerRoute(Math.max(16, settings.workers()))
                .maxConnectionsTotal(Math.max(64, 2 * settings.workers()))
                .cookies(userCookies)
                .build();
        PoliteFetchClient http =
            PoliteFetchClient.builder()
                .delegate(plain)
                .requestsPerSecondPerHost(settings.rate())
                .maxConcurrentPerHost(Math.max(1, settings.workers()))
                .metricTracker(tracker)
                .build();
        JooqCombinationStore store =
            JooqCombinationStore.builder().jdbcUrl(jdbcUrl).metricRegistry(registry).build();
        PostgresLeaseCoordinator coordinator = joinFleet(http)) {
      tracker.gauge(MetricNames.HTTP_POOL + ".leased", () -> plain.poolStats().leased());
      tracker.gauge(MetricNames.HTTP_POOL + ".available", () -> plain.poolStats().available());
      tracker.gauge(MetricNames.HTTP_POOL + ".pending", () -> plain.poolStats().pending());
      tracker.gauge(MetricNames.HTTP_POOL + ".max", () -> plain.poolStats().max());
      CwoFitmentSource source =
          CwoFitmentSource.builder()
              .apiBase(apiBase)
              .storeBase(storeBase)
              .fetchClient(http)
              .metricTracker(tracker)
              .build();
      MultithreadedProcessor.Builder builder = MultithreadedProcessor.builder();
      if (coordinator != null) {
        // hold few units at a time so that the fleet's units spread over its members to the end
        builder.maxActiveUnits(2);
      }
      MultithreadedProcessor processor =
          builder
              .source(source)
              .store(store)
              .metricTracker(tracker)
              .workers(settings.workers())
              .fast(settings.fast())
              .skipExisting(settings.skipExisting())
              .fitments(!options.noFitments)
              .progressListener(new LazyProgress(() -> progressListener(observers)))
              .progressInterval(Duration.ofSeconds(2))
              .coordinator(coordinator)
              .build();
      // SIGTERM (and Ctrl-C where CtrlCHandler cannot be installed): stop gracefully, flush; a rerun resumes
      Thread hook = new Thread(() -> {
        try {
          processor.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "cwo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
      ProcessResult result;
      try (CtrlCHandler ctrlC = CtrlCHandler.install(() -> stopUntilEnded(processor, ended), cli.getErr())) {
        try {
          result = action.apply(processor);
        } finally {
          ended.countDown();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what stopped us
          }
        }
        if (observers.bar != null) observers.bar.close(); // the bar's last state before the summary
        printSummary(result, store.vehicleCount(), store.fitmentCount());
        finishObservability(monitor);
        if (ctrlC.interrupted()) {
          out.printf("interrupted:   by Ctrl-C; finished results are saved; run the same command to resume%n");
          out.flush();
          return CtrlCHandler.EXIT_CODE;
        }
      }
      return exitCode(result.outcome());
    }
  }

  /**
   * Asks the processor to stop, again and again until the run has ended: Ctrl-C may come while
   * the units are still being discovered, before the run that {@link MultithreadedProcessor#stop()}
   * stops has begun.
   */
  private static void stopUntilEnded(MultithreadedProcessor processor, java.util.concurrent.CountDownLatch ended) {
    Thread stopper = new Thread(() -> {
      try {
        do {
          processor.stop();
        } while (!ended.await(100, java.util.concurrent.TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cwo-ctrl-c");
    stopper.setDaemon(true);
    stopper.start();
  }

  /**
   * With {@code --coordinate}: joins the fleet with this process's --rate as the fleet's budget,
   * and waits until the others made room for this process's share.
   */
  private PostgresLeaseCoordinator joinFleet(PoliteFetchClient http) {
    if (fleet == null) return null;
    PostgresLeaseCoordinator coordinator = PostgresLeaseCoordinator.builder()
        .jdbcUrl(jdbcUrl)
        .ownerId(fleet.owner)
        .leaseDuration(fleet.lease())
        .rateBudget(settings.rate(), http::ceiling)
        .build();
    try {
      double share = coordinator.awaitShare(fleet.joinTimeout());
      out.printf("fleet:         joined as %s; this process sends %.2f of the fleet's %.2f requests/s per host%n",
          coordinator.ownerId(), share, settings.rate());
      out.flush();
      return coordinator;
    } catch (InterruptedException e) {
      coordinator.close();
      Thread.currentThread().interrupt();
      throw new dev.cwo.CwoException("interrupted while joining the fleet", e);
    } catch (RuntimeException e) {
      coordinator.close();
      throw e;
    }
  }

  private void printSummary(ProcessResult r, long vehicles, long combinations) {
    out.printf("outcome:       %s%n", r.outcome());
    out.printf("time:          %.1f s%n", r.duration().toMillis() / 1000.0);
    out.printf("vehicles:      %d fetched this run, %d skipped as stored, %d failed; %d in the store%n",
        r.level(TreeLevel.VEHICLES).done(), r.level(TreeLevel.VEHICLES).skipped(),
        r.level(TreeLevel.VEHICLES).failed(), vehicles);
    out.printf("combinations:  %d fetched this run, %d skipped as stored, %d failed; %d in the store%n",
        r.level(TreeLevel.COMBINATIONS).done(), r.level(TreeLevel.COMBINATIONS).skipped(),
        r.level(TreeLevel.COMBINATIONS).failed(), combinations);
    out.printf("failures:      %d this run%n", r.failureCount());
    r.blockedBy().ifPresent(b -> out.printf("blocked:       %s%n", b.getMessage()));
    out.printf("database:      %s%n", jdbcUrl);
    out.flush();
  }

  static int exitCode(Outcome outcome) {
    return switch (outcome) {
      case COMPLETE -> 0;
      case COMPLETED_WITH_FAILURES -> CwoCommand.COMPLETED_WITH_FAILURES;
      case BLOCKED -> CwoCommand.BLOCKED;
      case STOPPED -> CwoCommand.STOPPED;
    };
  }

  /**
   * Creates the real listener on the first snapshot, when the unit count (for the bar's estimate)
   * is known: discovery runs between building the processor and the first snapshot.
   */
  private static final class LazyProgress implements ProgressListener {
    private final java.util.function.Supplier<ProgressListener> create;
    private ProgressListener listener;

    LazyProgress(java.util.function.Supplier<ProgressListener> create) {
      this.create = create;
    }

    @Override
    public synchronized void onProgress(dev.cwo.spi.ProgressSnapshot snapshot) {
      if (listener == null) listener = create.get();
      listener.onProgress(snapshot);
    }
  }
}
