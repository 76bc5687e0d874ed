package dev.cwo.testkit;

import dev.cwo.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link SimulatedCwoSite} as a standalone process and prints both base URLs.
 *
 * <p>Options (all optional): {@code --api-port N}, {@code --store-port N}, {@code --catalog
 * small|medium|large}, {@code --seed N}, {@code --latency-ms N}, {@code --jitter-ms N}, {@code
 * --rate-limit N} (per host), {@code --server-error-rate X}, {@code --reset-rate X}, {@code
 * --truncate-rate X}, {@code --verification-rate X}, {@code --forbidden-rate X}, {@code --wall
 * api|store|both}, {@code --session-max-uses N}, {@code --session-ttl-seconds N}. Runs until killed.
 * Not meant to be used from code; thread-safety does not apply. Usage:
 *
 * <pre>{@code
 * java -cp ... dev.cwo.testkit.SimulatedCwoSiteMain --catalog medium --server-error-rate 0.02
 * }</pre>
 */
public final class SimulatedCwoSiteMain {
  private SimulatedCwoSiteMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatedCwoSite.Builder site = SimulatedCwoSite.builder();
    SiteFaults.Builder faults = SiteFaults.builder();
    String catalog = "small";
    long seed = 1;
    long latency = 0;
    long jitter = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      String v = i + 1 < args.length ? args[++i] : "";
      try {
        switch (opt) {
          case "--api-port" -> site.apiPort(Integer.parseInt(v));
          case "--store-port" -> site.storePort(Integer.parseInt(v));
          case "--catalog" -> catalog = v;
          case "--seed" -> seed = Long.parseLong(v);
          case "--latency-ms" -> latency = Long.parseLong(v);
          case "--jitter-ms" -> jitter = Long.parseLong(v);
          case "--rate-limit" -> faults.rateLimit(Integer.parseInt(v));
          case "--server-error-rate" -> faults.serverErrorRate(Double.parseDouble(v));
          case "--reset-rate" -> faults.connectionResetRate(Double.parseDouble(v));
          case "--truncate-rate" -> faults.truncatedBodyRate(Double.parseDouble(v));
          case "--verification-rate" -> faults.humanVerificationRate(Double.parseDouble(v));
          case "--forbidden-rate" -> faults.forbiddenRate(Double.parseDouble(v));
          case "--wall" -> {
            faults.wall(SiteHost.API, v.equals("api") || v.equals("both"));
            faults.wall(SiteHost.STORE, v.equals("store") || v.equals("both"));
          }
          case "--session-max-uses" -> site.sessionMaxUses(Integer.parseInt(v));
          case "--session-ttl-seconds" -> site.sessionTimeToLive(
              Duration.ofSeconds(Long.parseLong(v)));
          default -> problems.add("unknown option " + opt);
        }
      } catch (NumberFormatException e) {
        problems.add(opt + " needs a number, was '" + v + "'");
      }
    }
    SimulatedCatalog cat = switch (catalog) {
      case "small" -> SimulatedCatalog.small(seed);
      case "medium" -> SimulatedCatalog.medium(seed);
      case "large" -> SimulatedCatalog.large(seed);
      default -> {
        problems.add("--catalog must be small, medium or large, was '" + catalog + "'");
        yield null;
      }
    };
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException("SimulatedCwoSiteMain arguments", problems);
    }
    faults.latency(Duration.ofMillis(latency), Duration.ofMillis(jitter));
    SimulatedCwoSite s = site.catalog(cat).seed(seed).faults(faults.build()).build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s.close();
      stopped.countDown();
    }, "cwo-sim-shutdown"));
    System.out.println("API base:   " + s.apiBase());
    System.out.println("Store base: " + s.storeBase());
    System.out.println("Vehicles: " + cat.vehicleCount() + ", fitment pages: "
        + cat.groundTruth().fitmentCount() + ", faults: " + s.faults());
    System.out.flush();
    stopped.await();
  }
}
