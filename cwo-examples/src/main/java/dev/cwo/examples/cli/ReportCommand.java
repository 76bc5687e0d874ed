package dev.cwo.examples.cli;

import dev.cwo.CwoException;
import dev.cwo.metrics.MetricsSnapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cwo report FILE}: prints the performance report of a metrics JSON file written by a run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Print the performance report (operations, threads, distributions, counters, gauges) "
        + "from a metrics JSON file written by scrape or demo with --metrics-json.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The metrics JSON file.")
  Path file;

  @Override
  public Integer call() {
    MetricsSnapshot snapshot;
    try {
      snapshot = MetricsSnapshot.readJson(file);
    } catch (CwoException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    var out = spec.commandLine().getOut();
    snapshot.reportLines().forEach(out::println);
    out.flush();
    return 0;
  }
}
