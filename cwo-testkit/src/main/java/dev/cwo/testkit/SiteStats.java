package dev.cwo.testkit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a {@link SimulatedCwoSite}: requests per endpoint kind, responses per status,
 * faults injected per kind, duplicate successful fetches, in-flight peak and requests per second.
 *
 * <p>Thread-safe: readable while the site runs; {@link #reset()} zeroes everything (counts from
 * requests in flight at that moment may land on either side). Seconds are epoch seconds of the
 * site's clock. A <em>duplicate</em> is a second 200-with-data answer for the same resource (the
 * path for API requests; vehicle + option for fitment pages; vehicle type + list for option lists);
 * set-vehicle requests are counted but never called duplicates. Usage:
 *
 * <pre>{@code
 * SiteStats stats = site.stats();
 * assertThat(stats.duplicateFetches(EndpointKind.FITMENT_PAGE)).isZero();
 * assertThat(stats.maxRequestsInAnySecond()).isLessThanOrEqualTo(50);
 * }</pre>
 */
public final class SiteStats {
  private final Map<EndpointKind, LongAdder> requests = new EnumMap<>(EndpointKind.class);
  private final Map<FaultKind, LongAdder> faults = new EnumMap<>(FaultKind.class);
  private final Map<EndpointKind, LongAdder> successes = new EnumMap<>(EndpointKind.class);
  private final Map<EndpointKind, LongAdder> duplicates = new EnumMap<>(EndpointKind.class);
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<Long, LongAdder> perSecond = new ConcurrentHashMap<>();
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicLong total = new AtomicLong();

  SiteStats() {
    for (EndpointKind k : EndpointKind.values()) {
      requests.put(k, new LongAdder());
      successes.put(k, new LongAdder());
      duplicates.put(k, new LongAdder());
    }
    for (FaultKind k : FaultKind.values()) {
      faults.put(k, new LongAdder());
    }
  }

  // --- recording (site side) ---------------------------------------------------------------

  void begin(EndpointKind kind, long epochSecond) {
    requests.get(kind).increment();
    total.incrementAndGet();
    perSecond.computeIfAbsent(epochSecond, s -> new LongAdder()).increment();
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
  }

  void end() {
    inFlight.decrementAndGet();
  }

  void status(int status) {
    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  void fault(FaultKind kind) {
    faults.get(kind).increment();
  }

  /** Records a 200-with-data answer for a resource; {@code resource == null} means not tracked. */
  void success(EndpointKind kind, String resource) {
    successes.get(kind).increment();
    if (resource != null && kind != EndpointKind.SET_VEHICLE
        && !seen.add(Mix.mix(kind.ordinal(), Mix.hash(resource)))) {
      duplicates.get(kind).increment();
    }
  }

  // --- reading -----------------------------------------------------------------------------

  /** Requests of one kind (every request counts, faulted or not). */
  public long requests(EndpointKind kind) {
    return requests.get(kind).sum();
  }

  /** All requests, both hosts. */
  public long totalRequests() {
    return total.get();
  }

  /** Requests per endpoint kind, every kind present. */
  public Map<EndpointKind, Long> requestsByKind() {
    Map<EndpointKind, Long> out = new EnumMap<>(EndpointKind.class);
    requests.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** Responses sent with this status (resets send none). */
  public long responses(int status) {
    LongAdder a = statuses.get(status);
    return a == null ? 0 : a.sum();
  }

  /** Responses per status, sorted. */
  public Map<Integer, Long> responsesByStatus() {
    Map<Integer, Long> out = new TreeMap<>();
    statuses.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** Faults of one kind injected. */
  public long faults(FaultKind kind) {
    return faults.get(kind).sum();
  }

  /** Faults per kind, every kind present. */
  public Map<FaultKind, Long> faultsByKind() {
    Map<FaultKind, Long> out = new EnumMap<>(FaultKind.class);
    faults.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** Successful (200 with data, complete) answers of one kind. */
  public long successes(EndpointKind kind) {
    return successes.get(kind).sum();
  }

  /** Successful answers of one kind for a resource that had already been answered successfully. */
  public long duplicateFetches(EndpointKind kind) {
    return duplicates.get(kind).sum();
  }

  /** Duplicates over all kinds. */
  public long duplicateFetches() {
    return duplicates.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Requests being handled right now (including those waiting out simulated latency). */
  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests ever in flight at once since start or the last reset. */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** Requests that arrived in each epoch second of the site's clock, sorted by second. */
  public Map<Long, Long> requestsPerSecond() {
    Map<Long, Long> out = new TreeMap<>();
    perSecond.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** The largest value of {@link #requestsPerSecond()}, 0 when nothing arrived. */
  public long maxRequestsInAnySecond() {
    return perSecond.values().stream().mapToLong(LongAdder::sum).max().orElse(0);
  }

  /** Zeroes every counter and forgets which resources were fetched. */
  public void reset() {
    requests.values().forEach(LongAdder::reset);
    faults.values().forEach(LongAdder::reset);
    successes.values().forEach(LongAdder::reset);
    duplicates.values().forEach(LongAdder::reset);
    statuses.clear();
    perSecond.clear();
    seen.clear();
    total.set(0);
    peakInFlight.set(inFlight.get());
  }

  @Override
  public String toString() {
    return "SiteStats[requests=" + requestsByKind() + ", statuses=" + responsesByStatus()
        + ", faults=" + faultsByKind() + ", duplicates=" + duplicateFetches() + ", peakInFlight="
        + peakInFlight() + "]";
  }
}
