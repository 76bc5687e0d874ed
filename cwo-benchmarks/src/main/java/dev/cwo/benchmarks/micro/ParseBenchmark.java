package dev.cwo.benchmarks.micro;

import dev.cwo.Fitment;
import dev.cwo.Vehicle;
import dev.cwo.net.internal.FitmentPageParser;
import dev.cwo.net.internal.SiteJson;
import dev.cwo.spi.FetchResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one parse of each answer kind costs inside {@code CwoFitmentSource}: the JSON name lists
 * (makes, models, drives), the model info (a scalar-or-list field), the years list, the vehicle
 * record, and a fitment page, square and staggered (jsoup). The bodies are real answers of the
 * simulated site over the medium catalog, recorded once per trial by scraping its first vehicles
 * (see {@link SiteSample}); each benchmark cycles through all recorded bodies of its kind, so the
 * number is an average over the catalog's quirks, not one lucky body.
 *
 * <p>Run with {@code -prof gc} for bytes allocated per parse ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {
  /** The simulated catalog the bodies come from. */
  @Param("medium")
  public String catalog;

  /** How many vehicles with data the recording walk scrapes. */
  @Param("24")
  public int vehicles;

  private final SiteJson json = new SiteJson();
  private final FitmentPageParser pages = new FitmentPageParser();
  private List<FetchResponse> nameLists;
  private List<FetchResponse> modelInfos;
  private FetchResponse years;
  private List<SiteSample.VehicleAnswer> vehicleRecords;
  private List<SiteSample.Page> square;
  private List<SiteSample.Page> staggered;
  private int next;

  @Setup(Level.Trial)
  public void record() {
    try (SiteSample sample = SiteSample.record(Catalogs.named(catalog), vehicles)) {
      nameLists = sample.bodies("makes", "models", "drives");
      modelInfos = sample.bodies("model-info");
      years = sample.bodies("years").get(0);
      vehicleRecords = sample.vehicleAnswers;
      square = sample.squarePages;
      staggered = sample.staggeredPages;
    }
  }

  private int next(int size) {
    int i = next++;
    if (next >= 1 << 30) {
      next = 0;
    }
    return i % size;
  }

  /** A list of makes, models or drives: de-duplicated names. */
  @Benchmark
  public List<String> jsonNameList() {
    return json.names(nameLists.get(next(nameLists.size())), "a JSON array of names");
  }

  /** The model info's trim field, a list or a bare string. */
  @Benchmark
  public List<String> jsonModelInfo() {
    return json.scalarOrList(modelInfos.get(next(modelInfos.size())), "trim");
  }

  /** The years list, strings turned into numbers. */
  @Benchmark
  public List<Integer> jsonYears() {
    return json.years(years);
  }

  /** A vehicle record (or a no-data record) mapped to a {@link Vehicle}. */
  @Benchmark
  public Vehicle jsonVehicleRecord() {
    SiteSample.VehicleAnswer a = vehicleRecords.get(next(vehicleRecords.size()));
    return json.vehicle(a.key(), a.response());
  }

  /** A fitment page with one full-size range block. */
  @Benchmark
  public Fitment fitmentPageSquare() {
    SiteSample.Page p = square.get(next(square.size()));
    return pages.parse(p.key(), p.response());
  }

  /** A fitment page with front and rear blocks, in any of the site's three split layouts. */
  @Benchmark
  public Fitment fitmentPageStaggered() {
    SiteSample.Page p = staggered.get(next(staggered.size()));
    return pages.parse(p.key(), p.response());
  }
}
