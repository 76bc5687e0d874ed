package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.metrics.MetricsSnapshot;
import dev.cwo.metrics.OperationStats;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's metrics, progress and report, in-process against the simulated site. */
class ObservabilityCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine cli() {
    CommandLine cli = CwoCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private int run(String... args) {
    return cli().execute(args);
  }

  @Test
  @DisplayName("demo prints plain progress lines, ends with the report, and writes a metrics JSON valid against the schema")
  void demoWritesMetrics() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("demo.db");
    Path json = dir.resolve("m.json");

    int code = run("demo", "--db", db, "--workers", "4", "--metrics-json", json.toString());

    assertThat(code).as(out + "\n" + err).isZero();
    String text = out.toString();
    assertThat(text).containsPattern("(?m)^finished [0-9.]+s: models \\d+/\\d+, trims .* combinations (\\d+)/\\1; [0-9.]+ req/s$");
    assertThat(text).contains("metrics:       " + json).contains("cwo performance report at")
        .contains("site.fitment-page").contains("store.write");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    try (InputStream schema = MetricsSnapshot.class.getResourceAsStream("/dev/cwo/metrics/metrics-schema.json")) {
      assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema).validate(root))
          .isEmpty();
    }
    MetricsSnapshot m = MetricsSnapshot.readJson(json);
    Matcher combos = Pattern.compile("combinations:  (\\d+) fetched this run").matcher(text);
    assertThat(combos.find()).isTrue();
    long fetched = Long.parseLong(combos.group(1));
    OperationStats pages = m.operations().stream().filter(o -> o.operation().equals("site.fitment-page")).findFirst().orElseThrow();
    assertThat(pages.successes()).isEqualTo(fetched);
    assertThat(m.gauges().get("cwo.tree.combinations.done")).isEqualTo(fetched);
    // every successful attempt had a 2xx answer; a failed one (a timeout on a busy machine) may have none
    assertThat(m.counters().get("cwo.site.fitment-page.status.2xx")).isBetween(pages.successes(), pages.count());
    assertThat(m.counters().get("cwo.site.fitment-page.bytes")).isPositive();
    assertThat(m.gauges()).containsKeys("cwo.net.pool.max", "cwo-store.pool.MaxConnections", "jvm.memory.heap.used",
        "cwo.tasks.queued", "cwo.writer.queue");
    assertThat(m.distributions()).extracting(d -> d.name())
        .contains("cwo.store.write.batch-size", "cwo.tasks.wait-micros", "cwo-store.pool.Wait");
    assertThat(m.threads()).isNotEmpty();

    out.getBuffer().setLength(0);
    assertThat(run("report", json.toString())).isZero();
    assertThat(out.toString()).startsWith("cwo performance report at").contains("site.fitment-page")
        .contains("cwo.tree.combinations.done");
  }

  @Test
  @DisplayName("demo writes its metrics next to its SQLite file by default; --no-metrics-json and --quiet are honoured")
  void demoDefaults() {
    String db = "jdbc:sqlite:" + dir.resolve("shop.db");
    assertThat(run("demo", "--db", db, "--quiet", "--no-metrics-json")).as(err.toString()).isZero();
    assertThat(dir.resolve("shop-metrics.json")).doesNotExist();
    assertThat(out.toString()).doesNotContain("progress ").doesNotContain("finished ");

    assertThat(run("demo", "--db", db, "--quiet")).as(err.toString()).isZero();
    assertThat(dir.resolve("shop-metrics.json")).exists();
    assertThat(DemoCommand.defaultMetricsJson("jdbc:postgresql://h/db")).isEqualTo(Path.of("cwo-demo-metrics.json"));
  }

  @Test
  @DisplayName("cwo report names a missing or broken file and exits with the usage code")
  void reportErrors() throws Exception {
    Path missing = dir.resolve("none.json");
    assertThat(run("report", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing.toString()).contains("Try 'cwo report --help' for more information.");

    Path broken = Files.writeString(dir.resolve("b.json"), "{\"schema\":\"cwo-metrics/1\"}");
    assertThat(run("report", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("\"timestamp\" is missing");

    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--prometheus-host").contains("default: 127.0.0.1");

    assertThat(run("report")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  @DisplayName("--metrics-json into a missing directory is refused before the run starts")
  void metricsJsonBadPath() {
    Path file = dir.resolve("no-such-dir").resolve("m.json");
    assertThat(run("demo", "--db", "jdbc:sqlite:" + dir.resolve("d.db"), "--metrics-json", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--metrics-json: cannot write " + file);
    assertThat(dir.resolve("d.db")).doesNotExist();
  }

  @Test
  @DisplayName("--prometheus-port serves the registry on loopback in Prometheus' text format while the job runs, and closes with it")
  void prometheusEndpoint() throws Exception {
    CommandLine cli = cli();
    RunOptions options = new RunOptions();
    options.prometheusPort = 0;
    options.prometheusHost = "127.0.0.1"; // picocli's default, set by hand here as picocli does not parse these options
    options.quiet = true;
    String db = "jdbc:sqlite:" + dir.resolve("p.db");
    Settings settings = Settings.resolve(options, db, db, null, 2000, Map.of(), cli);
    AtomicReference<String> during = new AtomicReference<>();
    AtomicReference<URI> url = new AtomicReference<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (SimulatedCwoSite site = SimulatedCwoSite.builder().seed(7).catalog(SimulatedCatalog.small(7)).build().start()) {
      ScrapeJob job = new ScrapeJob(site.apiBase(), site.storeBase(), settings, options, null, cli.getOut())
          .observability(null, false, false);
      int code = job.run(cli, processor -> {
        dev.cwo.YearMake unit = new java.util.TreeSet<>(site.catalog().groundTruth().units()).first();
        ProcessResult result = processor.process(List.of(unit));
        Matcher m = Pattern.compile("prometheus: +(\\S+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        url.set(URI.create(m.group(1)));
        try {
          during.set(http.send(HttpRequest.newBuilder(url.get()).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        assertThat(result.level(TreeLevel.COMBINATIONS).done()).isPositive();
        return result;
      });
      assertThat(code).as(out + "\n" + err).isZero();
    }
    assertThat(url.get().getHost()).isEqualTo("127.0.0.1");
    assertThat(during.get())
        .contains("# TYPE cwo_op_site_fitment_page summary")
        .containsPattern("(?m)^cwo_tree_combinations_done [1-9]")
        .contains("cwo_site_fitment_page_status_2xx")
        .contains("jvm_memory_heap_used");
    // closed with the run
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        http.send(HttpRequest.newBuilder(url.get()).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }
}
