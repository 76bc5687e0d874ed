package dev.cwo.examples.cli;

import dev.cwo.db.FleetStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cwo status}: the fleet's work (pending, leased, done, parked units) and its members' rate shares. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show a fleet's work: units pending / leased (by whom, until when) / done / parked, and the"
        + " members with their shares of the rate budget. Reads the PostgreSQL database of `scrape --coordinate`.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand CwoCommand root;

  @Option(names = "--db", description = "JDBC URL of the fleet's PostgreSQL database (env CWO_DB).")
  String db;

  @Override
  public Integer call() {
    String url = db != null ? db : root.env().get("CWO_DB");
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new ParameterException(spec.commandLine(), "status needs the fleet's PostgreSQL database"
          + " (--db jdbc:postgresql://HOST:5432/DB?user=NAME, or env CWO_DB), was " + FleetOptions.redact(url));
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    print(FleetStatus.read(dataSource), spec.commandLine().getOut(), FleetOptions.redact(url));
    return 0;
  }

  static void print(FleetStatus s, PrintWriter out, String where) {
    out.printf("fleet work in %s (database time %s)%n", where, s.at());
    out.printf("units:    %d pending, %d leased, %d done, %d parked%n",
        s.count("pending"), s.count("leased"), s.count("done"), s.count("parked"));
    for (FleetStatus.Lease l : s.leases()) {
      out.printf("  leased  %-28s by %s until %s (%s), attempt %d%n", l.unit(), l.owner(), l.until(),
          relative(s.at(), l.until()), l.attempts());
    }
    for (FleetStatus.Parked p : s.parked()) {
      out.printf("  parked  %-28s after %d attempt(s): %s%n", p.unit(), p.attempts(), p.error());
    }
    out.printf("members:  %d live", s.members().size());
    s.budget().ifPresent(b -> out.printf(Locale.ROOT, "; fleet budget %.2f requests/s per host, shares in use %.2f",
        b, s.rate()));
    out.println();
    for (FleetStatus.Member m : s.members()) {
      out.printf(Locale.ROOT, "  %-32s %s pid %d, share %s, last seen %s%n", m.owner(), m.host(), m.pid(),
          m.budget().isPresent() ? String.format(Locale.ROOT, "%.2f requests/s per host", m.share()) : "none (no rate sharing)",
          relative(s.at(), m.lastSeen()));
    }
    out.flush();
  }

  private static String relative(Instant now, Instant then) {
    Duration d = Duration.between(now, then);
    double seconds = Math.abs(d.toMillis()) / 1000.0;
    return String.format(Locale.ROOT, d.isNegative() ? "%.1f s ago" : "in %.1f s", seconds);
  }
}
