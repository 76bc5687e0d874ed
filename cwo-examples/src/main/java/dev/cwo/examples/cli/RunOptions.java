package dev.cwo.examples.cli;

import dev.cwo.UnitSelection;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by {@code scrape} and {@code demo}. */
final class RunOptions {
  @Option(names = "--workers", description = "Worker threads (env CWO_WORKERS or WORKERS; default 10). 1 = no multithreading (env MULTITHREADING=false).")
  Integer workers;

  @Option(names = "--years", description = "Years to scrape, e.g. 2015-2026 or 2024 (default: all).")
  String years;

  @Option(names = "--makes", split = ",", description = "Makes to scrape, comma-separated, exactly as the site spells them (default: all).")
  List<String> makes;

  @Option(names = "--fast", description = "Trust tree levels already in the store instead of asking the site again (env CWO_FAST or FAST).")
  Boolean fast;

  @Option(names = "--no-skip-existing", description = "Fetch everything again, even what the store already has (env CWO_SKIP_EXISTING=false or SKIP_EXISTING=false).")
  Boolean noSkipExisting;

  @Option(names = "--no-fitments", description = "Stop at the vehicle records: no sessions, no fitment pages. A later run without it fetches the combinations.")
  boolean noFitments;

  @Option(names = "--print-config", description = "Print the effective settings and where each came from, then exit.")
  boolean printConfig;

  @Option(names = "--quiet", description = "Print only the final summary: no progress bar or progress lines.")
  boolean quiet;

  @Option(names = "--metrics-json", paramLabel = "FILE",
      description = "At the end, write the performance figures as JSON to FILE (read it with 'cwo report FILE'; schema in docs/metrics.md).")
  java.nio.file.Path metricsJson;

  @Option(names = "--report", description = "At the end, print the performance report (demo always does).")
  boolean report;

  @Option(names = "--prometheus-port", paramLabel = "PORT",
      description = "While the run goes on, serve the metrics in Prometheus' text format on http://HOST:PORT/metrics (0 = any free port). Off unless given.")
  Integer prometheusPort;

  @Option(names = "--prometheus-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address the Prometheus endpoint binds to (default: ${DEFAULT-VALUE}, this machine only).")
  String prometheusHost;

  UnitSelection selection(picocli.CommandLine cli) {
    UnitSelection selection = UnitSelection.all();
    if (years != null) {
      String[] parts = years.trim().split("-", -1);
      try {
        if (parts.length == 1) {
          int y = Integer.parseInt(parts[0].trim());
          selection = UnitSelection.years(y, y);
        } else if (parts.length == 2) {
          selection = UnitSelection.years(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } else {
          throw new NumberFormatException();
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cli, "--years must be YEAR or FROM-TO (e.g. 2015-2026), was '" + years + "'");
      }
    }
    if (makes != null && !makes.isEmpty()) selection = selection.withMakes(new LinkedHashSet<>(makes));
    return selection;
  }
}
