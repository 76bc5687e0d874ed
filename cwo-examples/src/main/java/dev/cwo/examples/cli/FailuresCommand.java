package dev.cwo.examples.cli;

import dev.cwo.FailureRecord;
import dev.cwo.db.JooqCombinationStore;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cwo failures}: lists the failure journal, or with {@code --retry} runs its items again. */
@Command(
    name = "failures",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List what could not be scraped, and why; --retry fetches those items again.")
final class FailuresCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand CwoCommand root;

  @Option(names = "--db", description = "JDBC URL of the database (env CWO_DB; default: jdbc:sqlite:cwo.db).")
  String db;

  @Option(names = "--retry", description = "Fetch the failed items again (from the site at --api-base/--store-base).")
  boolean retry;

  @Option(names = "--api-base", defaultValue = "https://www.enthusiastenterprises.us/fitment/vehicle/co",
      description = "Base URL of the vehicle API, for --retry (default: ${DEFAULT-VALUE}).")
  URI apiBase;

  @Option(names = "--store-base", defaultValue = "https://www.customwheeloffset.com",
      description = "Base URL of the store, for --retry (default: ${DEFAULT-VALUE}).")
  URI storeBase;

  @Option(names = "--rate", description = "Most requests per second to each host, for --retry (env CWO_RATE; default: 5).")
  Double rate;

  @Mixin RunOptions options;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Settings settings = Settings.resolve(options, db, "jdbc:sqlite:cwo.db", rate, 5, root.env(), spec.commandLine());
    if (retry) {
      return new ScrapeJob(apiBase, storeBase, settings, options, null, out).retryFailed(spec.commandLine());
    }
    List<FailureRecord> failures;
    try (JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(settings.db()).build()) {
      failures = store.failures();
    }
    for (FailureRecord f : failures) {
      out.printf("%-12s %s%n  %s x%d, last %s: %s%n", f.level(), String.join(" / ", f.path()),
          f.errorClass(), f.attempts(), f.lastSeen(), f.message());
    }
    out.printf("%d failure(s) in %s%n", failures.size(), settings.db());
    out.flush();
    return 0;
  }
}
