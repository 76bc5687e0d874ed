package dev.cwo.benchmarks.micro;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.benchmarks.micro.RecordingFetchClient.Exchange;
import dev.cwo.net.CwoFitmentSource;
import dev.cwo.net.HttpClient5FetchClient;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FitmentSession;
import dev.cwo.testkit.SimulatedCatalog;
import dev.cwo.testkit.SimulatedCwoSite;
import java.util.ArrayList;
import java.util.List;

/**
 * A running {@link SimulatedCwoSite} and what a real scrape of its first vehicles fetched: the
 * requests {@link CwoFitmentSource} made and the bodies the site answered, sorted by endpoint
 * kind, square and staggered fitment pages apart. The parse benchmarks parse these bodies; the
 * fetch benchmarks replay these requests.
 *
 * <p>The walk goes through the tree in the site's order (years, makes, models, model info,
 * drives, vehicle records, set-vehicle, option lists, every fitment page of each vehicle) until
 * {@code vehiclesWanted} vehicles with data are done and both page layouts were seen. The cookie sessions the walk opened stay
 * open until {@link #close()}, so a recorded fitment-page request can be replayed as it was.
 *
 * <p>Not thread-safe: build and read it from one thread (a benchmark's setup).
 */
final class SiteSample implements AutoCloseable {
  /** A vehicle record answer and the key it was asked for. */
  record VehicleAnswer(VehicleKey key, FetchResponse response) {}

  /** A fitment page answer and the combination it was asked for. */
  record Page(CombinationKey key, FetchResponse response) {}

  final SimulatedCwoSite site;
  final HttpClient5FetchClient http;
  final RecordingFetchClient recorder;
  final List<Vehicle> vehicles = new ArrayList<>();
  final List<VehicleAnswer> vehicleAnswers = new ArrayList<>();
  final List<Page> squarePages = new ArrayList<>();
  final List<Page> staggeredPages = new ArrayList<>();
  private final List<FitmentSession> sessions = new ArrayList<>();

  private SiteSample(SimulatedCatalog catalog) {
    this.site = SimulatedCwoSite.builder().catalog(catalog).build().start();
    this.http = HttpClient5FetchClient.builder().build();
    this.recorder = new RecordingFetchClient(http);
  }

  /** Starts a site over {@code catalog} and walks it until {@code vehiclesWanted} are scraped. */
  static SiteSample record(SimulatedCatalog catalog, int vehiclesWanted) {
    SiteSample sample = new SiteSample(catalog);
    try {
      sample.walk(vehiclesWanted);
    } catch (RuntimeException e) {
      sample.close();
      throw e;
    }
    if (sample.squarePages.isEmpty() || sample.staggeredPages.isEmpty()) {
      sample.close();
      throw new IllegalStateException("the sample holds no square or no staggered fitment page;"
          + " walk more vehicles");
    }
    return sample;
  }

  /** A source over the site, on the given client. */
  CwoFitmentSource source(dev.cwo.spi.FetchClient client) {
    return CwoFitmentSource.builder()
        .fetchClient(client).apiBase(site.apiBase()).storeBase(site.storeBase()).build();
  }

  /** The recorded exchanges of one request kind, e.g. {@code "models"} or {@code "fitment-page"}. */
  List<Exchange> exchanges(String kind) {
    List<Exchange> out = recorder.ofKind(kind);
    if (out.isEmpty()) {
      throw new IllegalStateException("the walk made no '" + kind + "' request");
    }
    return out;
  }

  /** The bodies of several kinds of request, in the order recorded. */
  List<FetchResponse> bodies(String... kinds) {
    List<FetchResponse> out = new ArrayList<>();
    for (String kind : kinds) {
      exchanges(kind).forEach(e -> out.add(e.response()));
    }
    return out;
  }

  private void walk(int vehiclesWanted) {
    CwoFitmentSource source = source(recorder);
    for (int year : source.years()) {
      for (String make : source.makes(year)) {
        for (String model : source.models(year, make)) {
          for (String trim : source.trims(year, make, model)) {
            for (String drive : source.drives(year, make, model, trim)) {
              VehicleKey key = new VehicleKey(year, make, model, trim, drive);
              Vehicle v = source.vehicle(key);
              vehicleAnswers.add(new VehicleAnswer(key, recorder.last().response()));
              if (!v.hasData()) {
                continue;
              }
              vehicles.add(v);
              FitmentSession session = source.openSession(v);
              sessions.add(session);
              for (FitmentOption option : session.options()) {
                Fitment f = session.fitment(option);
                Page page = new Page(f.key(), recorder.last().response());
                (f.staggered() ? staggeredPages : squarePages).add(page);
              }
              if (vehicles.size() >= vehiclesWanted
                  && !squarePages.isEmpty() && !staggeredPages.isEmpty()) {
                return;
              }
            }
          }
        }
      }
    }
  }

  @Override
  public void close() {
    sessions.forEach(FitmentSession::close);
    http.close();
    site.close();
  }
}
