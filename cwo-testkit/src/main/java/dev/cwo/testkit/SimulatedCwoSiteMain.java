package dev.cwo.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.InvalidConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link SimulatedCwoSite} as a standalone process and prints both base URLs.
 *
 * <p>Options (all optional): {@code --api-port N}, {@code --store-port N}, {@code --catalog
 * small|medium|large|custom}, {@code --seed N}, {@code --latency-ms N}, {@code --jitter-ms N},
 * {@code --rate-limit N} (per host), {@code --server-error-rate X}, {@code --reset-rate X}, {@code
 * --truncate-rate X}, {@code --verification-rate X}, {@code --forbidden-rate X}, {@code --wall
 * api|store|both}, {@code --session-max-uses N}, {@code --session-ttl-seconds N}.
 *
 * <p>With {@code --catalog custom} the catalog knobs of {@link SimulatedCatalog.Builder} apply:
 * {@code --years N}, {@code --makes-per-year N}, {@code --models-per-make N}, {@code
 * --trims-per-model N}, {@code --drives-per-trim N}, {@code --no-data-rate X} (unset knobs keep the
 * builder's defaults; the catalog seed is {@code --seed}).
 *
 * <p>It prints {@code API base: URL}, {@code Store base: URL} and a {@code Vehicles: N, fitment
 * pages: M, ...} line, then runs until killed. With {@code --control-stdin} it also reads commands,
 * one per line, from standard input, and exits when standard input ends (so it dies with the
 * process that started it): {@code stats} prints one line {@code stats {JSON}} (the {@link
 * SiteStats} counters: total, per endpoint kind, successes, duplicates, statuses, faults, peak in
 * flight, most requests in any second); {@code reset} zeroes them and prints {@code reset ok}.
 *
 * <p>Not meant to be used from code; thread-safety does not apply. Usage:
 *
 * <pre>{@code
 * java -cp ... dev.cwo.testkit.SimulatedCwoSiteMain --catalog medium --server-error-rate 0.02
 * }</pre>
 */
public final class SimulatedCwoSiteMain {
  private SimulatedCwoSiteMain() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    SimulatedCwoSite.Builder site = SimulatedCwoSite.builder();
    SiteFaults.Builder faults = SiteFaults.builder();
    SimulatedCatalog.Builder knobs = SimulatedCatalog.builder();
    List<String> knobFlags = new ArrayList<>();
    String catalog = "small";
    long seed = 1;
    long latency = 0;
    long jitter = 0;
    boolean control = false;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (opt.equals("--control-stdin")) {
        control = true;
        continue;
      }
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
          case "--years" -> knobs.years(Integer.parseInt(v));
          case "--makes-per-year" -> knobs.makesPerYear(Integer.parseInt(v));
          case "--models-per-make" -> knobs.modelsPerMake(Integer.parseInt(v));
          case "--trims-per-model" -> knobs.trimsPerModel(Integer.parseInt(v));
          case "--drives-per-trim" -> knobs.drivesPerTrim(Integer.parseInt(v));
          case "--no-data-rate" -> knobs.noDataRate(Double.parseDouble(v));
          default -> problems.add("unknown option " + opt);
        }
        if (opt.equals("--years") || opt.startsWith("--makes-") || opt.startsWith("--models-")
            || opt.startsWith("--trims-") || opt.startsWith("--drives-")
            || opt.equals("--no-data-rate")) {
          knobFlags.add(opt);
        }
      } catch (NumberFormatException e) {
        problems.add(opt + " needs a number, was '" + v + "'");
      }
    }
    if (!knobFlags.isEmpty() && !catalog.equals("custom")) {
      problems.add(knobFlags + " need --catalog custom, was '" + catalog + "'");
    }
    long catalogSeed = seed;
    SimulatedCatalog cat = switch (catalog) {
      case "small" -> SimulatedCatalog.small(seed);
      case "medium" -> SimulatedCatalog.medium(seed);
      case "large" -> SimulatedCatalog.large(seed);
      case "custom" -> problems.isEmpty() ? knobs.seed(catalogSeed).build() : null;
      default -> {
        problems.add("--catalog must be small, medium, large or custom, was '" + catalog + "'");
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
    if (control) {
      serveCommands(s);
      System.exit(0);
    }
    stopped.await();
  }

  /** Answers {@code stats} and {@code reset} lines from standard input until it ends. */
  private static void serveCommands(SimulatedCwoSite site) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "stats" -> System.out.println("stats " + statsJson(site.stats()));
        case "reset" -> {
          site.stats().reset();
          System.out.println("reset ok");
        }
        case "" -> { }
        default -> System.out.println("error unknown command '" + line.trim()
            + "' (stats, reset)");
      }
      System.out.flush();
    }
  }

  static String statsJson(SiteStats stats) {
    ObjectNode o = SimulatedVehicle.JSON.createObjectNode();
    o.put("totalRequests", stats.totalRequests());
    ObjectNode requests = o.putObject("requests");
    ObjectNode successes = o.putObject("successes");
    ObjectNode duplicates = o.putObject("duplicates");
    for (EndpointKind k : EndpointKind.values()) {
      requests.put(k.name(), stats.requests(k));
      successes.put(k.name(), stats.successes(k));
      duplicates.put(k.name(), stats.duplicateFetches(k));
    }
    ObjectNode statuses = o.putObject("statuses");
    stats.responsesByStatus().forEach((k, v) -> statuses.put(Integer.toString(k), v));
    ObjectNode faults = o.putObject("faults");
    stats.faultsByKind().forEach((k, v) -> faults.put(k.name(), v));
    o.put("peakInFlight", stats.peakInFlight());
    o.put("maxRequestsInAnySecond", stats.maxRequestsInAnySecond());
    return SimulatedVehicle.write(o);
  }
}
