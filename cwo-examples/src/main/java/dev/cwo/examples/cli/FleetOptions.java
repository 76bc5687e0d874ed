package dev.cwo.examples.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code cwo scrape} that make it one process of a fleet sharing PostgreSQL. */
final class FleetOptions {
  @Option(names = "--coordinate",
      description = "Join a fleet of processes (on this machine or others) that share the work and the rate budget"
          + " through the PostgreSQL database of --db: units are leased, and --rate is the budget of the whole fleet.")
  boolean coordinate;

  @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "30",
      description = "With --coordinate: how long a unit (and this process's share of the rate) stays ours without a"
          + " heartbeat; a dead process's units go to others after this long (default: ${DEFAULT-VALUE}).")
  double leaseSeconds;

  @Option(names = "--owner", paramLabel = "NAME",
      description = "With --coordinate: this process's name in the fleet (default: host-pid-random); must be unique.")
  String owner;

  @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "With --coordinate: how long to wait for the fleet to make room in the rate budget (default: ${DEFAULT-VALUE}).")
  double joinTimeoutSeconds;

  /** Rejects fleet options that make no sense for the given database, naming the option. */
  void check(CommandLine cli, String db) {
    if (!coordinate) {
      if (owner != null) throw new ParameterException(cli, "--owner needs --coordinate");
      return;
    }
    if (db == null || !db.startsWith("jdbc:postgresql:")) {
      throw new ParameterException(cli, "--coordinate needs a PostgreSQL database shared by the fleet"
          + " (--db jdbc:postgresql://HOST:5432/DB?user=NAME), but the database is " + redact(db)
          + "; SQLite serves a single process");
    }
    if (!(leaseSeconds >= 1) || leaseSeconds > 3600) {
      throw new ParameterException(cli, "--lease must be 1..3600 seconds, was " + leaseSeconds);
    }
    if (!(joinTimeoutSeconds > 0)) {
      throw new ParameterException(cli, "--join-timeout must be positive, was " + joinTimeoutSeconds);
    }
  }

  Duration lease() {
    return Duration.ofMillis(Math.round(leaseSeconds * 1000));
  }

  Duration joinTimeout() {
    return Duration.ofMillis(Math.round(joinTimeoutSeconds * 1000));
  }

  static String redact(String url) {
    return url == null ? "(none)" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
