package dev.cwo.benchmarks.micro;

import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.benchmarks.micro.RecordingFetchClient.Exchange;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.FitmentSession;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one request costs the client, against {@code SimulatedCwoSite} on loopback: raw {@link
 * HttpClient5FetchClient} exchanges ({@code http*}: a JSON vehicle record, a set-vehicle call in a
 * new cookie session, a fitment page in its session) and the same endpoints through {@link
 * CwoFitmentSource} ({@code source*}: fetch, classify, retry policy, parse).
 *
 * <p>The primary score is wall time per request, which includes the simulated site's own work on
 * the same machine. The number that matters for cwo is its client CPU per request: run with
 * {@code -prof dev.cwo.benchmarks.micro.CpuTimeProfiler} and read {@code ·cpu.worker.norm}. The
 * site's server threads are not counted there. Requests are the ones a real scrape of the first
 * vehicles made (see {@link SiteSample}), cycled through, on kept-alive connections.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FetchBenchmark {
  /** The simulated catalog served. */
  @Param("medium")
  public String catalog;

  /** How many vehicles with data the recording walk scrapes (their requests are replayed). */
  @Param("16")
  public int sampleVehicles;

  private SiteSample sample;
  private HttpClient5FetchClient client;
  private CwoFitmentSource source;
  private List<FetchRequest> vehicleRequests;
  private List<FetchRequest> setVehicleRequests;
  private List<FetchRequest> pageRequests;
  private List<VehicleKey> vehicleKeys;
  private List<Vehicle> vehicles;
  private List<String[]> modelsArgs;
  private final List<FitmentSession> sessions = new ArrayList<>();
  private final List<FitmentOption[]> sessionOptions = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void start() {
    sample = SiteSample.record(Catalogs.named(catalog), sampleVehicles);
    client = sample.http; // the recorded sessions belong to this client
    source = sample.source(client);
    vehicleRequests = requests(sample.exchanges("vehicle"));
    setVehicleRequests = requests(sample.exchanges("set-vehicle"));
    pageRequests = requests(sample.exchanges("fitment-page"));
    vehicleKeys = new ArrayList<>();
    sample.vehicleAnswers.forEach(a -> vehicleKeys.add(a.key()));
    vehicles = sample.vehicles;
    modelsArgs = new ArrayList<>();
    for (Vehicle v : vehicles) {
      modelsArgs.add(new String[] {Integer.toString(v.key().year()), v.key().make()});
    }
    for (Vehicle v : vehicles) {
      FitmentSession s = source.openSession(v);
      sessions.add(s);
      sessionOptions.add(s.options().toArray(new FitmentOption[0]));
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    sessions.forEach(FitmentSession::close);
    if (sample != null) {
      sample.close();
    }
  }

  private static List<FetchRequest> requests(List<Exchange> exchanges) {
    List<FetchRequest> out = new ArrayList<>(exchanges.size());
    exchanges.forEach(e -> out.add(e.request()));
    return out;
  }

  private int next(int size) {
    int i = next++;
    if (next >= 1 << 30) {
      next = 0;
    }
    return i % size;
  }

  /** GET a vehicle record (JSON, API host); the body is read whole. */
  @Benchmark
  public FetchResponse httpVehicleJson() {
    return client.fetch(vehicleRequests.get(next(vehicleRequests.size())));
  }

  /** A new cookie session and its set-vehicle call (store host, answers with Set-Cookie). */
  @Benchmark
  public FetchResponse httpSetVehicle() {
    FetchRequest recorded = setVehicleRequests.get(next(setVehicleRequests.size()));
    try (FetchSession session = client.newSession()) {
      return client.fetch(new FetchRequest(recorded.uri(), recorded.headers(), session,
          recorded.kind()));
    }
  }

  /** GET a fitment page (HTML, store host) in the session that set its vehicle. */
  @Benchmark
  public FetchResponse httpFitmentPage() {
    return client.fetch(pageRequests.get(next(pageRequests.size())));
  }

  /** {@link CwoFitmentSource#models}: fetch, classify and parse a JSON name list. */
  @Benchmark
  public List<String> sourceModels() {
    String[] a = modelsArgs.get(next(modelsArgs.size()));
    return source.models(Integer.parseInt(a[0]), a[1]);
  }

  /** {@link CwoFitmentSource#vehicle}: fetch, classify and map a vehicle record. */
  @Benchmark
  public Vehicle sourceVehicle() {
    return source.vehicle(vehicleKeys.get(next(vehicleKeys.size())));
  }

  /** {@link CwoFitmentSource#openSession} and close: set-vehicle (option lists are cached). */
  @Benchmark
  public int sourceOpenSession() {
    try (FitmentSession s = source.openSession(vehicles.get(next(vehicles.size())))) {
      return s.options().size();
    }
  }

  /** {@link FitmentSession#fitment}: fetch, classify and parse one fitment page. */
  @Benchmark
  public Fitment sourceFitmentPage() {
    int i = next(sessions.size() * 64);
    FitmentOption[] options = sessionOptions.get(i / 64);
    return sessions.get(i / 64).fitment(options[i % options.length]);
  }
}
