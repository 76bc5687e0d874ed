package dev.cwo.examples.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cwo scrape}: scrapes the real site (or any site at the given base URLs) into a database. */
@Command(
    name = "scrape",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scrape the fitment table into a database. Rerun to resume after a crash or a block.")
final class ScrapeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--api-base", defaultValue = "https://www.enthusiastenterprises.us/fitment/vehicle/co",
      description = "Base URL of the vehicle API (default: ${DEFAULT-VALUE}).")
  URI apiBase;

  @Option(names = "--store-base", defaultValue = "https://www.customwheeloffset.com",
      description = "Base URL of the store (default: ${DEFAULT-VALUE}).")
  URI storeBase;

  @Option(names = "--db", description = "JDBC URL of the database (env CWO_DB; default: jdbc:sqlite:cwo.db, a SQLite file in the working directory).")
  String db;

  @picocli.CommandLine.ParentCommand CwoCommand root;

  @Option(names = "--rate", description = "Most requests per second to each host; cwo slows down further on 429s, frequent 503s or slow answers (env CWO_RATE; default: 5).")
  Double rate;

  @Option(names = "--cookies", paramLabel = "FILE",
      description = "Cookies to send, from a browser export (JSON) or a Netscape cookies.txt, e.g. a token a person obtained in a browser. Sent only to their own domain; never logged.")
  java.nio.file.Path cookies;

  @Mixin RunOptions options;

  @Mixin FleetOptions fleet;

  @Override
  public Integer call() {
    Settings settings = Settings.resolve(options, db, "jdbc:sqlite:cwo.db", rate, 5, root.env(), spec.commandLine());
    fleet.check(spec.commandLine(), settings.db());
    if (options.printConfig) {
      settings.print(spec.commandLine().getOut());
      return 0;
    }
    return new ScrapeJob(apiBase, storeBase, settings, options, cookies, spec.commandLine().getOut())
        .observability(options.metricsJson, options.report, root.terminal())
        .fleet(fleet.coordinate ? fleet : null)
        .run(spec.commandLine());
  }
}
