package dev.cwo.examples.cli;

import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import dev.cwo.testkit.SiteFaults;
import dev.cwo.testkit.SiteHost;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cwo site}: runs the simulated site on loopback until stopped (Ctrl-C), for users' own
 * tests of cwo or of their adapters. Prints both base URLs.
 */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the simulated site on 127.0.0.1 with fault knobs, until Ctrl-C.")
final class SiteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--api-port", defaultValue = "0", description = "Port of the API host (default: any free port).")
  int apiPort;

  @Option(names = "--store-port", defaultValue = "0", description = "Port of the store host (default: any free port).")
  int storePort;

  @Option(names = "--catalog", defaultValue = "small", description = "small, medium or large (default: ${DEFAULT-VALUE}).")
  String catalog;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the catalog and the faults (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Mean answer latency in ms.")
  long latency;

  @Option(names = "--jitter-ms", defaultValue = "0", description = "Latency jitter in ms (±).")
  long jitter;

  @Option(names = "--rate-limit", defaultValue = "0", description = "Requests per second per host before 429 + Retry-After (0: none).")
  int rateLimit;

  @Option(names = "--server-error-rate", defaultValue = "0", description = "Share of answers that are 5xx.")
  double serverErrors;

  @Option(names = "--reset-rate", defaultValue = "0", description = "Share of connections closed without an answer.")
  double resets;

  @Option(names = "--truncate-rate", defaultValue = "0", description = "Share of bodies cut short.")
  double truncated;

  @Option(names = "--verification-rate", defaultValue = "0", description = "Share of one-off \"Human Verification\" pages.")
  double walls;

  @Option(names = "--wall", description = "A persistent bot wall on: api, store or both.")
  String wall;

  @Override
  public Integer call() throws InterruptedException {
    SiteFaults.Builder faults = SiteFaults.builder()
        .latency(Duration.ofMillis(latency), Duration.ofMillis(jitter))
        .serverErrorRate(serverErrors)
        .connectionResetRate(resets)
        .truncatedBodyRate(truncated)
        .humanVerificationRate(walls);
    if (rateLimit > 0) faults.rateLimit(rateLimit);
    if (wall != null) {
      if (!wall.matches("api|store|both")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wall must be api, store or both, was '" + wall + "'");
      }
      faults.wall(SiteHost.API, !wall.equals("store"));
      faults.wall(SiteHost.STORE, !wall.equals("api"));
    }
    SimulatedCatalog cat = switch (catalog) {
      case "small" -> SimulatedCatalog.small(seed);
      case "medium" -> SimulatedCatalog.medium(seed);
      case "large" -> SimulatedCatalog.large(seed);
      default -> throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--catalog must be small, medium or large, was '" + catalog + "'");
    };
    SimulatedCwoSite site = SimulatedCwoSite.builder().catalog(cat).seed(seed).apiPort(apiPort)
        .storePort(storePort).faults(faults.build()).build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      site.close();
      stopped.countDown();
    }, "cwo-site-shutdown"));
    var out = spec.commandLine().getOut();
    out.println("api base:   " + site.apiBase());
    out.println("store base: " + site.storeBase());
    out.println("vehicles: " + cat.vehicleCount() + ", fitment pages: " + cat.groundTruth().fitmentCount());
    out.println("scrape it: cwo scrape --api-base " + site.apiBase() + " --store-base " + site.storeBase() + " --rate 500");
    out.flush();
    stopped.await();
    return 0;
  }
}
