package dev.cwo.examples;

import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.MultithreadedProcessor;
import dev.cwo.ProcessResult;
import dev.cwo.TreeLevel;
import dev.cwo.UnitSelection;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.db.JooqCombinationStore;
import dev.cwo.db.PostgresLeaseCoordinator;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.net.PoliteFetchClient;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.FitmentSession;
import dev.cwo.spi.FitmentSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One process of {@link FleetScrapeTest}'s fleet: joins the fleet on PostgreSQL, scrapes the site
 * with the library's parts as {@code cwo scrape --coordinate} wires them, and appends what it does
 * to an event file, one unbuffered write per line so that a kill loses nothing written:
 * {@code B year make millis} / {@code E year make millis} around every call of the site for a
 * unit, {@code S host millis} for every request sent. Prints {@code joined SHARE}, {@code progress
 * N} (pages fetched) and {@code done OUTCOME} on stdout.
 *
 * <p>Arguments: api base, store base, JDBC URL, owner id, budget (req/s per host for the fleet),
 * lease ms, heartbeat ms, workers, event file.
 */
public final class FleetWorker {
  private FleetWorker() {}

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args[0]);
    URI storeBase = URI.create(args[1]);
    String jdbcUrl = args[2];
    String owner = args[3];
    double budget = Double.parseDouble(args[4]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[5]));
    Duration heartbeat = Duration.ofMillis(Long.parseLong(args[6]));
    int workers = Integer.parseInt(args[7]);
    try (Events events = new Events(args[8]);
        HttpClient5FetchClient plain = HttpClient5FetchClient.builder().maxConnectionsPerRoute(workers).build();
        PoliteFetchClient http = PoliteFetchClient.builder()
            .delegate(new Recording(plain, events))
            .requestsPerSecondPerHost(budget)
            .maxConcurrentPerHost(workers)
            .build();
        JooqCombinationStore store = JooqCombinationStore.builder().jdbcUrl(jdbcUrl).maximumPoolSize(4).build();
        PostgresLeaseCoordinator fleet = PostgresLeaseCoordinator.builder()
            .jdbcUrl(jdbcUrl)
            .ownerId(owner)
            .leaseDuration(lease)
            .heartbeatInterval(heartbeat)
            .claimBatch(1)
            .rateBudget(budget, http::ceiling)
            .build()) {
      double share = fleet.awaitShare(Duration.ofSeconds(60));
      System.out.println("joined " + share);
      System.out.flush();
      FitmentSource site = new RecordingSource(
          CwoFitmentSource.builder().apiBase(api).storeBase(storeBase).fetchClient(http).build(), events);
      MultithreadedProcessor processor = MultithreadedProcessor.builder()
          .source(site)
          .store(store)
          .coordinator(fleet)
          .workers(workers)
          .maxActiveUnits(2)
          .writeBatchSize(100)
          .progressInterval(Duration.ofMillis(100))
          .progressListener(s -> {
            System.out.println("progress " + s.level(TreeLevel.COMBINATIONS).done());
            System.out.flush();
          })
          .build();
      ProcessResult result = processor.process(UnitSelection.all());
      System.out.println("done " + result.outcome());
      System.out.flush();
    }
  }

  /** Appends lines to a file, each with one write call; thread-safe. */
  static final class Events implements AutoCloseable {
    private final FileOutputStream out;

    Events(String path) throws IOException {
      this.out = new FileOutputStream(path, true);
    }

    synchronized void line(String text) {
      try {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Records the moment each request is actually sent (inside the politeness gate). */
  private record Recording(FetchClient delegate, Events events) implements FetchClient {
    @Override
    public FetchSession newSession() {
      return delegate.newSession();
    }

    @Override
    public FetchResponse fetch(FetchRequest request) {
      events.line("S " + request.uri().getPort() + " " + System.currentTimeMillis());
      return delegate.fetch(request);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Records when each call for a unit begins and ends. */
  private record RecordingSource(FitmentSource delegate, Events events) implements FitmentSource {
    <T> T call(int year, String make, Supplier<T> action) {
      String unit = year + " " + java.net.URLEncoder.encode(make, StandardCharsets.UTF_8);
      events.line("B " + unit + " " + System.currentTimeMillis());
      try {
        return action.get();
      } finally {
        events.line("E " + unit + " " + System.currentTimeMillis());
      }
    }

    @Override
    public List<Integer> years() {
      return delegate.years();
    }

    @Override
    public List<String> makes(int year) {
      return delegate.makes(year);
    }

    @Override
    public List<String> models(int year, String make) {
      return call(year, make, () -> delegate.models(year, make));
    }

    @Override
    public List<String> trims(int year, String make, String model) {
      return call(year, make, () -> delegate.trims(year, make, model));
    }

    @Override
    public List<String> drives(int year, String make, String model, String trim) {
      return call(year, make, () -> delegate.drives(year, make, model, trim));
    }

    @Override
    public Vehicle vehicle(VehicleKey key) {
      return call(key.year(), key.make(), () -> delegate.vehicle(key));
    }

    @Override
    public FitmentSession openSession(Vehicle vehicle) {
      VehicleKey key = vehicle.key();
      FitmentSession session = call(key.year(), key.make(), () -> delegate.openSession(vehicle));
      return new FitmentSession() {
        @Override
        public Vehicle vehicle() {
          return session.vehicle();
        }

        @Override
        public List<FitmentOption> options() {
          return call(key.year(), key.make(), session::options);
        }

        @Override
        public Fitment fitment(FitmentOption option) {
          return call(key.year(), key.make(), () -> session.fitment(option));
        }

        @Override
        public void close() {
          session.close();
        }
      };
    }
  }
}
