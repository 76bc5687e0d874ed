package dev.cwo.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cwo.testkit.GroundTruth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The end-to-end benchmark: for each scenario, the simulated site runs in one JVM and the scraper
 * ({@link ScrapeWorker}: processor, HttpClient 5, CWO source, SQLite) in another, so the scraper's
 * figures are its own. The runner checks every store against the ground truth and writes the
 * results as Markdown.
 *
 * <p>Scenarios: {@code smoke} (a 30-vehicle catalog, seconds), {@code cpu}, {@code polite},
 * {@code latency}, {@code memory}, {@code resume}; {@code all} is every one but smoke. Options:
 * {@code --scenarios a,b,...} (default all), {@code --work DIR} (SQLite files and process logs;
 * default a temporary directory), {@code --out FILE} (the Markdown results; default
 * {@code e2e-results.md} in the work directory), {@code --seed N} (the kill moments of
 * {@code resume}). The system property {@code cwo.bench.scraperJvmArgs} adds JVM options to every
 * scraping process (e.g. a JFR recording). Not thread-safe; one run at a time.
 *
 * <pre>{@code
 * java -cp <cwo-benchmarks classpath> dev.cwo.benchmarks.e2e.EndToEndBenchmark --scenarios cpu,memory
 * }</pre>
 */
public final class EndToEndBenchmark {
  /** The catalog of the scenarios: ~1,700 vehicles / ~29,500 fitment pages. */
  static final CatalogSpec MEDIUM = CatalogSpec.preset("medium", 3);
  /** ~20,000 vehicles / ~345,000 pages. */
  static final CatalogSpec LARGE = CatalogSpec.preset("large", 3);
  /**
   * ~2,100 vehicles with the large catalog's unit shape (8 models × 4 trims × 4 drives per year and
   * make) and a ninth of its units: the processor holds a bounded number of units open at once, so
   * memory follows the size of a unit, and only the number of units may differ for a fair
   * comparison.
   */
  static final CatalogSpec LARGE_TENTH = CatalogSpec.custom(3, 3, 7, 8, 4, 4);
  /** ~30 vehicles / ~490 pages: the smoke test's. */
  static final CatalogSpec TINY = CatalogSpec.custom(3, 2, 3, 2, 2, 2);

  static final List<String> ALL = List.of("cpu", "polite", "latency", "memory", "resume");

  private final Path work;
  private final PrintStream log;
  private final long seed;
  private final List<String> extraJvmArgs;
  private final Map<CatalogSpec, GroundTruth> truths = new HashMap<>();
  private final Map<CatalogSpec, RunFigures> cleanRuns = new HashMap<>();
  private int runNumber;
  /** The smoke scenario's clean run, for the smoke test to inspect. */
  RunFigures lastSmokeRun;

  EndToEndBenchmark(Path work, PrintStream log, long seed, List<String> extraJvmArgs) {
    this.work = work;
    this.log = log;
    this.seed = seed;
    this.extraJvmArgs = List.copyOf(extraJvmArgs);
  }

  public static void main(String[] args) throws Exception {
    List<String> names = ALL;
    Path work = null;
    Path out = null;
    long seed = 20261201;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--scenarios" -> names = args[i + 1].equals("all") ? ALL
            : Arrays.asList(args[i + 1].split(","));
        case "--work" -> work = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--scenarios, --work, --out, --seed)");
      }
    }
    if (work == null) {
      work = Files.createTempDirectory("cwo-e2e-");
    }
    Files.createDirectories(work);
    String extra = System.getProperty("cwo.bench.scraperJvmArgs", "").trim();
    EndToEndBenchmark bench = new EndToEndBenchmark(work, System.out, seed,
        extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")));
    List<ScenarioResult> results = bench.run(names);
    StringBuilder md = new StringBuilder();
    results.forEach(r -> md.append(r.markdown()));
    Path target = out != null ? out : work.resolve("e2e-results.md");
    Files.writeString(target, md.toString(), StandardCharsets.UTF_8);
    System.out.println("results written to " + target);
  }

  List<ScenarioResult> run(List<String> names) throws Exception {
    Map<String, Scenario> known = new LinkedHashMap<>();
    known.put("smoke", this::smoke);
    known.put("cpu", this::cpu);
    known.put("polite", this::polite);
    known.put("latency", this::latency);
    known.put("memory", this::memory);
    known.put("resume", this::resume);
    for (String n : names) {
      if (!known.containsKey(n)) {
        throw new IllegalArgumentException("unknown scenario '" + n + "'; known: " + known.keySet());
      }
    }
    List<ScenarioResult> results = new ArrayList<>();
    for (String n : names) {
      log.printf("== scenario %s%n", n);
      ScenarioResult r = known.get(n).run();
      log.print(r.markdown());
      results.add(r);
    }
    return results;
  }

  @FunctionalInterface
  private interface Scenario {
    ScenarioResult run() throws Exception;
  }

  // --- scenarios -----------------------------------------------------------------------------

  ScenarioResult smoke() throws Exception {
    List<String> jvm = List.of("-Xmx96m", "-Xmn16m");
    RunFigures f = scrape(TINY, List.of(), 4, 0, jvm);
    lastSmokeRun = f;
    ScenarioResult r = new ScenarioResult("smoke", "a tiny catalog end to end (CI)",
        setup(TINY, "no latency, no faults", 4, 0, jvm));
    common(r, f);
    r.check("store equals ground truth", f.check().verdict(), f.check().exact());
    ResumeFigures resume = killAndResume(TINY, 4, 1, 40, 120);
    r.figure("resume: kills / refetched pages / exact", resume.kills + " / "
        + resume.last.duplicates("FITMENT_PAGE") + " / " + resume.last.check().exact());
    r.check("resume after kills: store equals ground truth", resume.last.check().verdict(),
        resume.last.check().exact());
    return r;
  }

  ScenarioResult cpu() throws Exception {
    List<String> jvm = List.of("-Xmx512m");
    RunFigures f = clean(MEDIUM, 16, jvm);
    ScenarioResult r = new ScenarioResult("cpu", "CPU per request with an instant site",
        setup(MEDIUM, "latency 0, no faults", 16, 0, jvm));
    common(r, f);
    r.check("≤ 0.25 CPU-s per 1,000 requests (whole process)",
        fmt("%.3f CPU-s (scrape only: %.3f)", f.cpuPer1000(), f.cpuPer1000ScrapeOnly()),
        f.cpuPer1000() <= 0.25);
    r.check("store equals ground truth", f.check().verdict(), f.check().exact());
    // The same run with the C1 compiler only: how much of the CPU above is C2's compiling.
    List<String> c1 = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    RunFigures v = scrape(MEDIUM, List.of(), 16, 0, c1);
    r.figure("variant `" + String.join(" ", c1) + "`: CPU-s per 1,000 requests / JIT ms / wall",
        fmt("%.3f / %s ms / %.1f s (%s)", v.cpuPer1000(), v.scraper().get("jitMillis").asText(),
            v.wallSeconds(), v.check().exact() ? "exact" : "NOT exact"));
    return r;
  }

  ScenarioResult polite() throws Exception {
    List<String> jvm = List.of("-Xmx512m");
    RunFigures base = clean(MEDIUM, 16, jvm);
    List<String> faults = List.of("--latency-ms", "20", "--jitter-ms", "10",
        "--server-error-rate", "0.03", "--reset-rate", "0.01", "--truncate-rate", "0.01",
        "--verification-rate", "0.01", "--rate-limit", "400");
    RunFigures f = scrape(MEDIUM, faults, 16, 400, jvm);
    long minStore = base.siteRequests(false);
    long minApi = base.siteRequests(true);
    double floor = Math.max(minStore, minApi) / 400.0;
    ScenarioResult r = new ScenarioResult("polite", "close to the site's rate limit, through faults",
        setup(MEDIUM, "latency 20 ± 10 ms; 3 % 5xx, 1 % resets, 1 % truncated, 1 % transient"
            + " walls; site limit 400 req/s per host; client PoliteFetchClient at 400 req/s per"
            + " host (adaptive, the default)", 16, 400, jvm));
    common(r, f);
    r.figure("minimum requests (clean run), store host / API host", minStore + " / " + minApi);
    r.figure("floor = busiest host's minimum ÷ 400", fmt("%.1f s", floor));
    r.figure("faults injected (not counting latency)", Long.toString(f.faultsInjected()));
    r.figure("429 answers (site limit hit)", f.site().get("faults").get("RATE_LIMITED").asText());
    r.figure("busiest second per host (client's count)",
        f.scraper().get("maxRequestsInAnySecondPerHost").toString());
    r.figure("requests per host (client's count)", f.scraper().get("requestsPerHost").toString());
    long[] at = f.secondsAtRate(400, 0.9);
    r.figure("store host: seconds with ≥ 360 requests / seconds with any",
        at[0] + " / " + at[1]);
    r.figure("polite client's rate per host: mean / least (sampled every 100 ms)",
        f.scraper().get("politeRate").toString());
    r.check("wall ≤ 1.1 × floor", fmt("%.1f s = %.2f × floor (limit %.1f s)", f.wallSeconds(),
        f.wallSeconds() / floor, 1.1 * floor), f.wallSeconds() <= 1.1 * floor);
    r.check("store equals ground truth", f.check().verdict(), f.check().exact());
    // The same run with a fixed rate (adaptive off), to tell the adaptive back-off's share of the
    // wall time from the rest.
    RunFigures fixed = scrape(MEDIUM, faults, 16, 400, jvm, List.of("--adaptive", "false"));
    r.figure("variant, fixed rate (adaptive false): wall / requests / busiest second per host",
        fmt("%.1f s (%.2f × floor) / %d / %s", fixed.wallSeconds(), fixed.wallSeconds() / floor,
            fixed.requests(), fixed.scraper().get("maxRequestsInAnySecondPerHost")));
    long[] fixedAt = fixed.secondsAtRate(400, 0.9);
    r.figure("variant, fixed rate: store host seconds with ≥ 360 requests / with any",
        fixedAt[0] + " / " + fixedAt[1]);
    r.figure("variant, fixed rate: 429s / exactness", fixed.site().get("faults")
        .get("RATE_LIMITED").asText() + " / " + fixed.check().verdict());
    return r;
  }

  ScenarioResult latency() throws Exception {
    List<String> jvm = List.of("-Xmx512m");
    int workers = 64;
    RunFigures f = scrape(MEDIUM, List.of("--latency-ms", "50"), workers, 0, jvm);
    double ideal = workers / 0.050;
    ScenarioResult r = new ScenarioResult("latency", "a slow site, many workers",
        setup(MEDIUM, "latency 50 ms, no faults, no limit", workers, 0, jvm));
    common(r, f);
    r.figure("ideal = workers ÷ latency", fmt("%.0f req/s", ideal));
    r.figure("site's peak requests in flight", f.site().get("peakInFlight").asText());
    r.figure("mean requests in flight (Little's law: req/s × 50 ms)",
        fmt("%.1f of %d workers", f.requestsPerSecond() * 0.050, workers));
    r.check("≥ 90 % of workers ÷ latency", fmt("%.0f req/s = %.0f %% of ideal",
        f.requestsPerSecond(), 100 * f.requestsPerSecond() / ideal),
        f.requestsPerSecond() >= 0.9 * ideal);
    r.check("store equals ground truth", f.check().verdict(), f.check().exact());
    return r;
  }

  ScenarioResult memory() throws Exception {
    List<String> jvm = List.of("-Xmx256m");
    RunFigures small = scrape(LARGE_TENTH, List.of(), 16, 0, jvm);
    RunFigures large = scrape(LARGE, List.of(), 16, 0, jvm);
    ScenarioResult r = new ScenarioResult("memory", "a large catalog in a 256 MiB heap",
        setup(LARGE, "latency 0, no faults; compared with " + LARGE_TENTH + ", "
            + truth(LARGE_TENTH).vehicles().size() + " vehicles", 16, 0, jvm));
    r.figure("vehicles / combinations (large)", truth(LARGE).vehicles().size() + " / "
        + truth(LARGE).fitmentCount());
    r.figure("vehicles / combinations (small)", truth(LARGE_TENTH).vehicles().size() + " / "
        + truth(LARGE_TENTH).fitmentCount());
    memoryFigures(r, "", large, small);
    double rssRatio = large.peakRssMib() / small.peakRssMib();
    double heapRatio = large.peakHeapAfterGcMib() / small.peakHeapAfterGcMib();
    r.check("peak RSS ≤ 300 MiB (both)", fmt("%.0f MiB / %.0f MiB", large.peakRssMib(),
        small.peakRssMib()), large.peakRssMib() <= 300 && small.peakRssMib() <= 300);
    r.check("flat: large within +15 % of small (peak RSS, peak heap after GC)",
        fmt("RSS × %.2f, heap × %.2f", rssRatio, heapRatio), rssRatio <= 1.15 && heapRatio <= 1.15);
    r.check("store equals ground truth with -Xmx256m (large)", large.check().verdict(),
        large.check().exact());
    r.check("store equals ground truth (small)", small.check().verdict(), small.check().exact());
    // The same two runs with the serial collector: G1's own structures and its heap sizing are
    // most of the resident set (see the analysis), not the scraper's data. These runs also force
    // a full collection every 2 s to measure the live set over the run.
    List<String> serial = List.of("-Xmx256m", "-XX:+UseSerialGC");
    List<String> live = List.of("--live-gc-seconds", "2");
    RunFigures smallSerial = scrape(LARGE_TENTH, List.of(), 16, 0, serial, live);
    RunFigures largeSerial = scrape(LARGE, List.of(), 16, 0, serial, live);
    String v = "variant `" + String.join(" ", serial) + "`";
    memoryFigures(r, v + ": ", largeSerial, smallSerial);
    double liveLarge = largeSerial.scraper().get("peakLiveHeapBytes").asLong() / RunFigures.MIB;
    double liveSmall = smallSerial.scraper().get("peakLiveHeapBytes").asLong() / RunFigures.MIB;
    r.figure(v + ": live heap (largest after a forced full GC every 2 s) large / small",
        fmt("%.1f MiB (%s samples) / %.1f MiB (%s samples)", liveLarge,
            largeSerial.scraper().get("liveSamples").asText(), liveSmall,
            smallSerial.scraper().get("liveSamples").asText()));
    r.check(v + ": peak RSS ≤ 300 MiB (both)", fmt("%.0f MiB / %.0f MiB",
        largeSerial.peakRssMib(), smallSerial.peakRssMib()),
        largeSerial.peakRssMib() <= 300 && smallSerial.peakRssMib() <= 300);
    r.check(v + ": flat live heap, large within +15 % of small", fmt("%.1f MiB / %.1f MiB = × %.2f",
        liveLarge, liveSmall, liveLarge / liveSmall), liveSmall > 0 && liveLarge / liveSmall <= 1.15);
    r.check(v + ": stores equal ground truth", largeSerial.check().verdict() + "; "
        + smallSerial.check().verdict(), largeSerial.check().exact() && smallSerial.check().exact());
    return r;
  }

  private static void memoryFigures(ScenarioResult r, String prefix, RunFigures large,
      RunFigures small) {
    r.figure(prefix + "wall time large / small", fmt("%.1f s / %.1f s", large.wallSeconds(),
        small.wallSeconds()));
    r.figure(prefix + "requests/s large / small", fmt("%.0f / %.0f", large.requestsPerSecond(),
        small.requestsPerSecond()));
    r.figure(prefix + "CPU-s per 1,000 requests large / small", fmt("%.3f / %.3f",
        large.cpuPer1000(), small.cpuPer1000()));
    r.figure(prefix + "peak RSS large / small", fmt("%.0f MiB / %.0f MiB", large.peakRssMib(),
        small.peakRssMib()));
    r.figure(prefix + "peak heap after GC large / small", fmt("%.1f MiB / %.1f MiB",
        large.peakHeapAfterGcMib(), small.peakHeapAfterGcMib()));
    r.figure(prefix + "peak old generation after GC large / small", fmt("%.1f MiB / %.1f MiB",
        large.scraper().get("peakOldAfterGcBytes").asLong() / RunFigures.MIB,
        small.scraper().get("peakOldAfterGcBytes").asLong() / RunFigures.MIB));
    r.figure(prefix + "collections large / small", large.scraper().get("collections").asText()
        + " / " + small.scraper().get("collections").asText());
    r.figure(prefix + "outcome large / small", large.outcome() + " / " + small.outcome());
  }

  ScenarioResult resume() throws Exception {
    int workers = 16;
    RunFigures base = clean(MEDIUM, workers, List.of("-Xmx512m"));
    long total = truth(MEDIUM).fitmentCount();
    ResumeFigures f = killAndResume(MEDIUM, workers, 5, 200, total / 6);
    long bound = f.kills * (5L * 500 + workers);
    long extra = f.totalRequests - base.siteRequests();
    ScenarioResult r = new ScenarioResult("resume", "killed at random moments, resumed",
        setup(MEDIUM, "latency 0, no faults; the scraping process is killed with"
            + " destroyForcibly (SIGKILL) after a random number of fitment pages (uniform in [200, "
            + total / 6 + "] per run, seed " + seed + "), restarted, and finally run to the end",
            workers, 0, List.of("-Xmx512m")));
    r.figure("kill points (pages done in that run)", f.killPoints.toString());
    r.figure("runs (killed + final)", (f.kills + 1) + "");
    r.figure("site requests in all / clean run", f.totalRequests + " / " + base.siteRequests());
    r.figure("extra requests over a clean run", extra + fmt(" (%.1f %%)",
        100.0 * extra / base.siteRequests()));
    r.figure("fitment pages fetched twice (successful refetches)",
        Long.toString(f.last.duplicates("FITMENT_PAGE")));
    r.figure("successful refetches of any kind", Long.toString(f.last.totalDuplicates()));
    r.figure("final run", fmt("%.1f s, %d requests, outcome %s", f.last.wallSeconds(),
        f.last.requests(), f.last.outcome()));
    r.check("refetched pages ≤ kills × (5 batches of 500 + workers)",
        f.last.duplicates("FITMENT_PAGE") + " ≤ " + bound,
        f.last.duplicates("FITMENT_PAGE") <= bound);
    r.check("final store equals ground truth", f.last.check().verdict(), f.last.check().exact());
    return r;
  }

  // --- runs ----------------------------------------------------------------------------------

  /** A clean run (no latency, no faults) of a catalog, run once per catalog and remembered. */
  private RunFigures clean(CatalogSpec catalog, int workers, List<String> jvm) throws Exception {
    RunFigures f = cleanRuns.get(catalog);
    if (f == null) {
      f = scrape(catalog, List.of(), workers, 0, jvm);
      cleanRuns.put(catalog, f);
    }
    return f;
  }

  private RunFigures scrape(CatalogSpec catalog, List<String> siteArgs, int workers, double rate,
      List<String> jvm) throws Exception {
    return scrape(catalog, siteArgs, workers, rate, jvm, List.of());
  }

  private RunFigures scrape(CatalogSpec catalog, List<String> siteArgs, int workers, double rate,
      List<String> jvm, List<String> scraperArgs) throws Exception {
    int run = ++runNumber;
    Path db = work.resolve("run-" + run + ".db");
    Files.deleteIfExists(db);
    List<String> args = new ArrayList<>(catalog.siteArgs());
    args.addAll(siteArgs);
    try (SiteProcess site = SiteProcess.start(args, work.resolve("run-" + run + "-site.log"))) {
      log.printf("run %d: site up (%s), scraping %s with %d workers%n", run, site.banner(),
          catalog, workers);
      ScraperProcess scraper = ScraperProcess.start(jvm(jvm), site.apiBase(), site.storeBase(),
          "jdbc:sqlite:" + db, workers, rate, 0, scraperArgs,
          work.resolve("run-" + run + "-scraper.log"));
      JsonNode result = scraper.awaitResult();
      JsonNode stats = site.stats();
      double siteCpu = site.cpuSeconds();
      StoreCheck check = StoreCheck.of("jdbc:sqlite:" + db, truth(catalog));
      RunFigures f = new RunFigures(result, stats, check, siteCpu);
      log.printf("run %d: %s; %.1f s, %d requests, %.3f CPU-s/1000, RSS %.0f MiB, heap after GC"
          + " %.1f MiB; %s%n", run, f.outcome(), f.wallSeconds(), f.requests(), f.cpuPer1000(),
          f.peakRssMib(), f.peakHeapAfterGcMib(), check.verdict());
      return f;
    }
  }

  /** What a kill-and-resume series did. */
  private record ResumeFigures(int kills, List<Long> killPoints, long totalRequests,
      RunFigures last) {}

  private ResumeFigures killAndResume(CatalogSpec catalog, int workers, int kills, long minPages,
      long maxPages) throws Exception {
    int run = ++runNumber;
    Path db = work.resolve("run-" + run + ".db");
    Files.deleteIfExists(db);
    Random random = new Random(seed);
    List<Long> points = new ArrayList<>();
    List<String> jvm = jvm(List.of("-Xmx512m"));
    try (SiteProcess site = SiteProcess.start(catalog.siteArgs(),
        work.resolve("run-" + run + "-site.log"))) {
      int killed = 0;
      for (int i = 0; i < kills; i++) {
        long at = minPages + (long) (random.nextDouble() * (maxPages - minPages));
        ScraperProcess p = ScraperProcess.start(jvm, site.apiBase(), site.storeBase(),
            "jdbc:sqlite:" + db, workers, 0, 20, List.of(), work.resolve("run-" + run + "-scraper.log"));
        if (p.awaitProgress(at)) {
          p.kill();
          killed++;
          points.add(at);
          log.printf("run %d: killed after %d pages%n", run, at);
        } else {
          p.awaitResult();
          break; // finished before the kill point
        }
      }
      ScraperProcess last = ScraperProcess.start(jvm, site.apiBase(), site.storeBase(),
          "jdbc:sqlite:" + db, workers, 0, 0, List.of(), work.resolve("run-" + run + "-scraper.log"));
      JsonNode result = last.awaitResult();
      JsonNode stats = site.stats();
      RunFigures f = new RunFigures(result, stats, StoreCheck.of("jdbc:sqlite:" + db,
          truth(catalog)), site.cpuSeconds());
      log.printf("run %d: resumed after %d kills; %s%n", run, killed, f.check().verdict());
      return new ResumeFigures(killed, points, stats.get("totalRequests").asLong(), f);
    }
  }

  private List<String> jvm(List<String> base) {
    List<String> all = new ArrayList<>(base);
    all.addAll(extraJvmArgs);
    return all;
  }

  private GroundTruth truth(CatalogSpec catalog) {
    return truths.computeIfAbsent(catalog, c -> c.build().groundTruth());
  }

  // --- reporting ------------------------------------------------------------------------------

  private String setup(CatalogSpec catalog, String site, int workers, double rate,
      List<String> jvm) {
    GroundTruth t = truth(catalog);
    return "Catalog " + catalog + ": " + t.vehicles().size() + " vehicles, " + t.fitmentCount()
        + " combinations. Site: " + site + ". Scraper: " + workers + " workers, "
        + (rate > 0 ? "PoliteFetchClient " + (long) rate + " req/s per host over " : "")
        + "HttpClient5FetchClient, CwoFitmentSource defaults, JooqCombinationStore on a fresh"
        + " SQLite file, processor defaults (batch 500); scraper JVM `" + String.join(" ", jvm(jvm))
        + "`.";
  }

  private static void common(ScenarioResult r, RunFigures f) {
    r.figure("outcome", f.outcome());
    r.figure("wall time (scraper: build parts, scrape, close)", fmt("%.2f s", f.wallSeconds()));
    r.figure("requests sent (client) / seen (site)", f.requests() + " / " + f.siteRequests());
    r.figure("requests/s", fmt("%.0f", f.requestsPerSecond()));
    r.figure("CPU-s per 1,000 requests: whole process / scrape only",
        fmt("%.3f / %.3f", f.cpuPer1000(), f.cpuPer1000ScrapeOnly()));
    r.figure("peak RSS (VmHWM)", fmt("%.0f MiB", f.peakRssMib()));
    r.figure("peak heap after GC", fmt("%.1f MiB (%s collections, max heap %.0f MiB)",
        f.peakHeapAfterGcMib(), f.scraper().get("collections").asText(),
        f.scraper().get("maxHeapBytes").asLong() / RunFigures.MIB));
    r.figure("JIT compilation / GC time (wall ms, from the JVM's MXBeans)",
        f.scraper().get("jitMillis").asText() + " ms / " + f.scraper().get("gcMillis").asText()
            + " ms " + f.scraper().get("gc").asText());
    r.figure("site process CPU-s (its own JVM, not counted above)",
        fmt("%.1f", f.siteCpuSeconds()));
    r.figure("successful refetches (site's duplicates)", Long.toString(f.totalDuplicates()));
    r.figure("exactness", f.check().verdict());
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

}
