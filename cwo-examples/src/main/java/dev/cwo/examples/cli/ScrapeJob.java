package dev.cwo.examples.cli;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.Outcome;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.db.PostgresLeaseCoordinator;
import dev.cwo.metrics.DropwizardMetricTracker;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.net.PoliteFetchClient;
import dev.cwo.spi.LevelCounts;
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

  /** Makes this run one process of a fleet (see {@link FleetOptions}); null: a lone run. */
  ScrapeJob fleet(FleetOptions fleet) {
    this.fleet = fleet;
    return this;
  }

  /** Runs the scrape of the selected units and returns its exit code. */
  int run(picocli.CommandLine cli) {
    dev.cwo.UnitSelection selection = options.selection(cli); // bad input fails before anything opens
    return run(cli, processor -> processor.process(selection));
  }

  /** Runs the items of the failure journal again and returns the exit code. */
  int retryFailed(picocli.CommandLine cli) {
    return run(cli, MultithreadedProcessor::retryFailed);
  }

  private int run(picocli.CommandLine cli, java.util.function.Function<MultithreadedProcessor, ProcessResult> action) {
    MetricRegistry registry = new MetricRegistry();
    DropwizardMetricTracker tracker = DropwizardMetricTracker.of(registry);
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
        JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(jdbcUrl).build();
        PostgresLeaseCoordinator coordinator = joinFleet(http)) {
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
              .progressListener(options.quiet ? ProgressListener.none() : this::progress)
              .progressInterval(Duration.ofSeconds(2))
              .coordinator(coordinator)
              .build();
      // Ctrl-C: stop gracefully, flush what is done; a rerun resumes
      Thread hook = new Thread(() -> {
        try {
          processor.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "cwo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ProcessResult result;
      try {
        result = action.apply(processor);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it is what stopped us
        }
      }
      printSummary(result, store.vehicleCount(), store.fitmentCount());
      return exitCode(result.outcome());
    }
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

  private void progress(dev.cwo.spi.ProgressSnapshot s) {
    LevelCounts v = s.level(TreeLevel.VEHICLES);
    LevelCounts c = s.level(TreeLevel.COMBINATIONS);
    out.printf(
        "[%5.1fs] vehicles %d found, %d skipped, %d fetched, %d failed | combinations %d found, %d skipped, %d fetched, %d failed%n",
        s.elapsed().toMillis() / 1000.0, v.found(), v.skipped(), v.done(), v.failed(),
        c.found(), c.skipped(), c.done(), c.failed());
    out.flush();
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
}
