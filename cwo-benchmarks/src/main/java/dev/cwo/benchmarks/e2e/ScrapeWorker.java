package dev.cwo.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.UnitSelection;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.net.PoliteFetchClient;
import dev.cwo.spi.FetchClient;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scraping process of the end-to-end benchmark: one full {@link MultithreadedProcessor} run
 * with {@link HttpClient5FetchClient} (under a {@link PoliteFetchClient} when a rate is given),
 * {@link CwoFitmentSource} and {@link JooqCombinationStore}, then one line {@code result {JSON}}
 * with what this process measured of itself.
 *
 * <p>Options: {@code --api URL --store URL --db JDBC_URL --workers N} (required), {@code --rate R}
 * (requests per second per host; 0 = no politeness decorator, the default), {@code --progress-ms N}
 * (print {@code progress P} every N ms, P = fitment pages done in this run; 0 = never, the
 * default), {@code --adaptive true|false} (the polite client's adaptive rate; default true),
 * {@code --live-gc-seconds N} (force a full collection every N s and keep the largest heap left
 * after one: the live set over the run; 0 = never, the default). Runs in its own JVM so that the runner can measure it alone; not thread-safe, not for
 * use from code.
 */
public final class ScrapeWorker {
  private ScrapeWorker() {}

  private static String authority(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  public static void main(String[] args) throws Exception {
    URI api = null;
    URI store = null;
    String db = null;
    int workers = 0;
    double rate = 0;
    boolean adaptive = true;
    long liveGcSeconds = 0;
    long progressMs = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--api" -> api = URI.create(v);
        case "--store" -> store = URI.create(v);
        case "--db" -> db = v;
        case "--workers" -> workers = Integer.parseInt(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--progress-ms" -> progressMs = Long.parseLong(v);
        case "--adaptive" -> adaptive = Boolean.parseBoolean(v);
        case "--live-gc-seconds" -> liveGcSeconds = Long.parseLong(v);
        default -> problems.add("unknown option " + args[i]);
      }
    }
    if (api == null || store == null || db == null || workers < 1) {
      problems.add("--api, --store, --db and --workers (>= 1) are required");
    }
    if (!problems.isEmpty()) {
      System.err.println("ScrapeWorker: " + problems);
      System.exit(2);
    }
    ProcessGauges gauges = new ProcessGauges();
    gauges.start();
    long cpuBefore = ProcessGauges.processCpuNanos();
    long wallBefore = System.nanoTime();
    ProcessResult result;
    WireCounter wire;
    RateSampler rates = new RateSampler();
    LiveHeapSampler live = new LiveHeapSampler();
    if (liveGcSeconds > 0) {
      live.start(liveGcSeconds);
    }
    try (HttpClient5FetchClient http = HttpClient5FetchClient.builder()
            .maxConnectionsPerRoute(workers)
            .maxConnectionsTotal(2 * workers)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
        WireCounter counted = new WireCounter(http);
        FetchClient client = rate > 0
            ? PoliteFetchClient.builder().delegate(counted).requestsPerSecondPerHost(rate)
                .maxConcurrentPerHost(workers).adaptive(adaptive).build()
            : counted;
        JooqCombinationStore db2 = JooqCombinationStore.builder().jdbcUrl(db).build()) {
      wire = counted;
      if (client instanceof PoliteFetchClient polite) {
        rates.start(polite, List.of(authority(api), authority(store)));
      }
      MultithreadedProcessor.Builder processor = MultithreadedProcessor.builder()
          .source(CwoFitmentSource.builder().apiBase(api).storeBase(store).fetchClient(client)
              .build())
          .store(db2)
          .workers(workers);
      if (progressMs > 0) {
        processor.progressInterval(Duration.ofMillis(progressMs)).progressListener(s -> {
          System.out.println("progress " + s.level(TreeLevel.COMBINATIONS).done());
          System.out.flush();
        });
      }
      result = processor.build().process(UnitSelection.all());
      rates.stop();
      live.stop();
    }
    long wall = System.nanoTime() - wallBefore;
    long cpuAfter = ProcessGauges.processCpuNanos();
    gauges.stop();

    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("outcome", result.outcome().name());
    o.put("summary", result.summary());
    o.put("wallNanos", wall);
    o.put("processDurationNanos", result.duration().toNanos());
    o.put("cpuNanosScrape", cpuAfter - cpuBefore);
    o.put("cpuNanosProcess", cpuAfter);
    o.put("requests", wire.total());
    ObjectNode perHost = o.putObject("requestsPerHost");
    wire.perHost().forEach(perHost::put);
    ObjectNode maxSecond = o.putObject("maxRequestsInAnySecondPerHost");
    wire.maxInAnySecond().forEach(maxSecond::put);
    o.put("vmHwmKib", ProcessGauges.procStatusKib("VmHWM"));
    o.put("vmRssKib", ProcessGauges.procStatusKib("VmRSS"));
    o.put("peakHeapAfterGcBytes", gauges.peakHeapAfterGcBytes());
    o.put("peakOldAfterGcBytes", gauges.peakOldAfterGcBytes());
    o.put("collections", gauges.collections());
    o.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    o.put("peakLiveHeapBytes", live.peakBytes());
    o.put("liveSamples", live.samples());
    o.put("jitMillis", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    o.put("gcMillis", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum());
    o.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).toList().toString());
    o.put("vehiclesWritten", result.vehiclesWritten());
    o.put("fitmentsWritten", result.fitmentsWritten());
    o.put("failures", result.failureCount());
    ObjectNode series = o.putObject("perSecond");
    wire.perSecond().forEach((h, a) -> {
      var arr = series.putArray(h);
      for (long n : a) {
        arr.add(n);
      }
    });
    ObjectNode rateNode = o.putObject("politeRate");
    rates.summary().forEach((host, r) -> rateNode.putObject(host).put("mean", r[0])
        .put("min", r[1]).put("samples", r[2]));
    System.out.println("result " + o);
    System.out.flush();
  }
}
