package dev.cwo.examples.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The effective settings of a run and where each came from: a flag, then the environment ({@code
 * CWO_*}, then the original project's bare names {@code WORKERS}, {@code MULTITHREADING}, {@code
 * FAST}, {@code SKIP_EXISTING}), then the default. Immutable.
 */
record Settings(
    int workers, boolean fast, boolean skipExisting, String db, double rate, Map<String, String> sources) {

  static Settings resolve(
      RunOptions o, String dbFlag, String dbDefault, Double rateFlag, double rateDefault,
      Map<String, String> env, CommandLine cli) {
    Map<String, String> sources = new LinkedHashMap<>();
    Resolver r = new Resolver(env, cli, sources);

    Integer workers = o.workers != null ? r.flag("workers", o.workers) : r.envInt("workers", "CWO_WORKERS", "WORKERS");
    if (workers == null) {
      Boolean multi = r.envBool("workers", "CWO_MULTITHREADING", "MULTITHREADING");
      workers = multi != null && !multi ? 1 : null;
    }
    if (workers == null) workers = r.dflt("workers", 10);
    if (workers < 1) throw new ParameterException(cli, "workers must be at least 1, was " + workers + " (" + sources.get("workers") + ")");

    Boolean fast = o.fast != null ? r.flag("fast", o.fast) : r.envBool("fast", "CWO_FAST", "FAST");
    if (fast == null) fast = r.dflt("fast", false);

    Boolean skip = o.noSkipExisting != null ? r.flag("skipExisting", !o.noSkipExisting) : r.envBool("skipExisting", "CWO_SKIP_EXISTING", "SKIP_EXISTING");
    if (skip == null) skip = r.dflt("skipExisting", true);

    String db = dbFlag != null ? r.flag("db", dbFlag) : r.envString("db", "CWO_DB");
    if (db == null) db = r.dflt("db", dbDefault);

    Double rate = rateFlag != null ? r.flag("rate", rateFlag) : r.envDouble("rate", "CWO_RATE");
    if (rate == null) rate = r.dflt("rate", rateDefault);
    if (!(rate > 0)) throw new ParameterException(cli, "rate must be above 0, was " + rate + " (" + sources.get("rate") + ")");

    return new Settings(workers, fast, skip, db, rate, Map.copyOf(sources));
  }

  void print(PrintWriter out) {
    out.printf("workers       = %-28s (%s)%n", workers, sources.get("workers"));
    out.printf("fast          = %-28s (%s)%n", fast, sources.get("fast"));
    out.printf("skipExisting  = %-28s (%s)%n", skipExisting, sources.get("skipExisting"));
    out.printf("db            = %-28s (%s)%n", db, sources.get("db"));
    out.printf("rate          = %-28s (%s)%n", rate + " requests/s per host", sources.get("rate"));
    out.flush();
  }

  private record Resolver(Map<String, String> env, CommandLine cli, Map<String, String> sources) {
    <T> T flag(String key, T value) {
      sources.put(key, "flag");
      return value;
    }

    <T> T dflt(String key, T value) {
      sources.put(key, "default");
      return value;
    }

    private Map.Entry<String, String> find(String... names) {
      for (String n : names) {
        String v = env.get(n);
        if (v != null && !v.isBlank()) return Map.entry(n, v.trim());
      }
      return null;
    }

    String envString(String key, String... names) {
      Map.Entry<String, String> e = find(names);
      if (e == null) return null;
      sources.put(key, "environment " + e.getKey());
      return e.getValue();
    }

    Integer envInt(String key, String... names) {
      Map.Entry<String, String> e = find(names);
      if (e == null) return null;
      try {
        sources.put(key, "environment " + e.getKey());
        return Integer.parseInt(e.getValue());
      } catch (NumberFormatException x) {
        throw new ParameterException(cli, "environment " + e.getKey() + " must be a whole number, was '" + e.getValue() + "'");
      }
    }

    Double envDouble(String key, String... names) {
      Map.Entry<String, String> e = find(names);
      if (e == null) return null;
      try {
        sources.put(key, "environment " + e.getKey());
        return Double.parseDouble(e.getValue());
      } catch (NumberFormatException x) {
        throw new ParameterException(cli, "environment " + e.getKey() + " must be a number, was '" + e.getValue() + "'");
      }
    }

    Boolean envBool(String key, String... names) {
      Map.Entry<String, String> e = find(names);
      if (e == null) return null;
      sources.put(key, "environment " + e.getKey());
      switch (e.getValue().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on":
          return true;
        case "false", "0", "no", "off":
          return false;
        default:
          throw new ParameterException(cli, "environment " + e.getKey() + " must be true or false, was '" + e.getValue() + "'");
      }
    }
  }
}
