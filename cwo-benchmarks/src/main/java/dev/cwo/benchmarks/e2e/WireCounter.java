package dev.cwo.benchmarks.e2e;

import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link FetchClient} decorator that counts the requests that leave the client, per host and per
 * epoch second. It sits directly above the HTTP client (under any politeness decorator), so each
 * count is one request on the wire, retries included.
 *
 * <p>Thread-safe. Closing it closes the delegate.
 */
final class WireCounter implements FetchClient {
  private final FetchClient delegate;
  private final Map<String, Map<Long, LongAdder>> perHostSecond = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  WireCounter(FetchClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public FetchSession newSession() {
    return delegate.newSession();
  }

  @Override
  public FetchResponse fetch(FetchRequest request) {
    String host = request.uri().getHost() + ":" + request.uri().getPort();
    perHostSecond
        .computeIfAbsent(host, h -> new ConcurrentHashMap<>())
        .computeIfAbsent(Math.floorDiv(System.currentTimeMillis(), 1000L), s -> new LongAdder())
        .increment();
    total.increment();
    return delegate.fetch(request);
  }

  /** Requests sent so far. */
  long total() {
    return total.sum();
  }

  /** Requests sent per host. */
  Map<String, Long> perHost() {
    Map<String, Long> out = new TreeMap<>();
    perHostSecond.forEach((h, m) -> out.put(h, m.values().stream().mapToLong(LongAdder::sum).sum()));
    return out;
  }

  /** The busiest epoch second of each host. */
  Map<String, Long> maxInAnySecond() {
    Map<String, Long> out = new TreeMap<>();
    perHostSecond.forEach((h, m) ->
        out.put(h, m.values().stream().mapToLong(LongAdder::sum).max().orElse(0)));
    return out;
  }

  /** Requests per second of each host, from its first second to its last, gaps as zeros. */
  Map<String, long[]> perSecond() {
    Map<String, long[]> out = new TreeMap<>();
    perHostSecond.forEach((h, m) -> {
      long first = m.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
      long last = m.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
      long[] series = new long[(int) (last - first + 1)];
      m.forEach((sec, n) -> series[(int) (sec - first)] = n.sum());
      out.put(h, series);
    });
    return out;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
