package dev.cwo.examples.cli;

import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cwo demo}: starts the simulated site in this process, on loopback, and scrapes it with the
 * real parts into a SQLite file. Needs no network.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scrape the built-in simulated site (offline, on loopback) into a SQLite file.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", description = "JDBC URL of the database (env CWO_DB; default: jdbc:sqlite:cwo-demo.db).")
  String db;

  @picocli.CommandLine.ParentCommand CwoCommand root;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated catalog (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--catalog", defaultValue = "small",
      description = "Size of the simulated catalog: small (~240 vehicles), medium (~1,650), large (~20,000); default: ${DEFAULT-VALUE}.")
  String catalogSize;

  @Option(names = "--rate", description = "Most requests per second to each simulated host (env CWO_RATE; default: 2000).")
  Double rate;

  @Mixin RunOptions options;

  @Option(names = "--no-metrics-json", description = "Do not write the metrics JSON (by default demo writes it next to its SQLite file, as NAME-metrics.json).")
  boolean noMetricsJson;

  /** Where demo writes its metrics by default: beside a SQLite file, else in the working directory. */
  static java.nio.file.Path defaultMetricsJson(String jdbcUrl) {
    String prefix = "jdbc:sqlite:";
    if (jdbcUrl.startsWith(prefix) && !jdbcUrl.contains(":memory:") && !jdbcUrl.contains("?")) {
      String file = jdbcUrl.substring(prefix.length());
      if (file.startsWith("file:")) file = file.substring("file:".length());
      String base = file.endsWith(".db") ? file.substring(0, file.length() - 3) : file;
      return java.nio.file.Path.of(base + "-metrics.json");
    }
    return java.nio.file.Path.of("cwo-demo-metrics.json");
  }

  /**
   * The default metrics file, or null when its directory cannot take it: the user did not ask for
   * it, so the run goes on (and a database beside it that cannot be opened is reported as such).
   */
  private static java.nio.file.Path writableOrNone(java.nio.file.Path file) {
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    return dir != null && java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isWritable(dir) ? file : null;
  }

  private SimulatedCatalog catalog(long seed) {
    return switch (catalogSize) {
      case "small" -> SimulatedCatalog.small(seed);
      case "medium" -> SimulatedCatalog.medium(seed);
      case "large" -> SimulatedCatalog.large(seed);
      default -> throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--catalog must be small, medium or large, was '" + catalogSize + "'");
    };
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Settings settings = Settings.resolve(options, db, "jdbc:sqlite:cwo-demo.db", rate, 2000, root.env(), spec.commandLine());
    if (options.printConfig) {
      settings.print(out);
      return 0;
    }
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().seed(seed).catalog(catalog(seed)).build().start()) {
      out.printf("simulated site: api %s, store %s%n", site.apiBase(), site.storeBase());
      java.nio.file.Path metrics = noMetricsJson ? null
          : options.metricsJson != null ? options.metricsJson : writableOrNone(defaultMetricsJson(settings.db()));
      int code = new ScrapeJob(site.apiBase(), site.storeBase(), settings, options, null, out)
          .observability(metrics, true, root.terminal())
          .run(spec.commandLine());
      out.printf("requests:      %d served by the simulated site%n", site.stats().totalRequests());
      out.flush();
      return code;
    }
  }
}
