package dev.cwo.benchmarks.micro;

import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FetchClient} decorator that keeps every exchange it passes on, so a benchmark can replay
 * the exact requests a {@code CwoFitmentSource} made and parse the exact bodies it received.
 *
 * <p>Thread-safe (the log is synchronised), though the benchmarks record from one thread.
 */
final class RecordingFetchClient implements FetchClient {
  /** One request and the answer it got. */
  record Exchange(FetchRequest request, FetchResponse response) {}

  private final FetchClient delegate;
  private final List<Exchange> log = new ArrayList<>();

  RecordingFetchClient(FetchClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public FetchSession newSession() {
    return delegate.newSession();
  }

  @Override
  public FetchResponse fetch(FetchRequest request) {
    FetchResponse response = delegate.fetch(request);
    synchronized (log) {
      log.add(new Exchange(request, response));
    }
    return response;
  }

  /** The last exchange recorded; fails when there is none. */
  Exchange last() {
    synchronized (log) {
      if (log.isEmpty()) {
        throw new IllegalStateException("no exchange recorded yet");
      }
      return log.get(log.size() - 1);
    }
  }

  /** Every exchange of one request kind ({@code "models"}, {@code "fitment-page"}, ...), in order. */
  List<Exchange> ofKind(String kind) {
    synchronized (log) {
      List<Exchange> out = new ArrayList<>();
      for (Exchange e : log) {
        if (e.request().kind().equals(kind)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /** Does not close the delegate: whoever built it closes it. */
  @Override
  public void close() {}
}
