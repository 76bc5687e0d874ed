package dev.cwo.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What one scraping process reported of itself, what the site counted, and whether the store came
 * out exact.
 *
 * @param scraper the scraper's {@code result} JSON
 * @param site the site's counters at the end
 * @param check the store against the ground truth
 * @param siteCpuSeconds CPU the site process used (its start included), for comparison only
 */
record RunFigures(JsonNode scraper, JsonNode site, StoreCheck check, double siteCpuSeconds) {
  static final double MIB = 1024.0 * 1024.0;

  /** Kinds of request the API host answers; the rest go to the store host. */
  static final Set<String> API_KINDS =
      Set.of("YEARS", "MAKES", "MODELS", "MODEL_INFO", "DRIVES", "VEHICLE");

  String outcome() {
    return scraper.get("outcome").asText();
  }

  double wallSeconds() {
    return scraper.get("wallNanos").asLong() / 1e9;
  }

  /** Requests the scraper sent (its own count, on the wire, retries included). */
  long requests() {
    return scraper.get("requests").asLong();
  }

  /** Requests the site counted (both hosts). */
  long siteRequests() {
    return site.get("totalRequests").asLong();
  }

  double requestsPerSecond() {
    return requests() / wallSeconds();
  }

  /** CPU seconds of the whole scraping process (JVM start, JIT and GC included) per 1,000 requests. */
  double cpuPer1000() {
    return scraper.get("cpuNanosProcess").asLong() / 1e9 / (requests() / 1000.0);
  }

  /** As {@link #cpuPer1000()}, counting only the scrape itself (from building the parts to the end). */
  double cpuPer1000ScrapeOnly() {
    return scraper.get("cpuNanosScrape").asLong() / 1e9 / (requests() / 1000.0);
  }

  double peakRssMib() {
    return scraper.get("vmHwmKib").asLong() / 1024.0;
  }

  double peakHeapAfterGcMib() {
    return scraper.get("peakHeapAfterGcBytes").asLong() / MIB;
  }

  /** Requests the site counted on one host: {@code api} or {@code store}. */
  long siteRequests(boolean apiHost) {
    long n = 0;
    var it = site.get("requests").properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (API_KINDS.contains(e.getKey()) == apiHost) {
        n += e.getValue().asLong();
      }
    }
    return n;
  }

  /**
   * Of the seconds a host was sent requests, how many saw at least {@code share} of {@code rate};
   * returns {at-rate seconds, all seconds} of the busiest host.
   */
  long[] secondsAtRate(double rate, double share) {
    long[] best = {0, 0};
    long bestTotal = -1;
    var it = scraper.get("perSecond").properties().iterator();
    while (it.hasNext()) {
      JsonNode series = it.next().getValue();
      long total = 0;
      long at = 0;
      for (JsonNode n : series) {
        total += n.asLong();
        if (n.asLong() >= share * rate) {
          at++;
        }
      }
      if (total > bestTotal) {
        bestTotal = total;
        best = new long[] {at, series.size()};
      }
    }
    return best;
  }

  long duplicates(String kind) {
    return site.get("duplicates").get(kind).asLong();
  }

  long totalDuplicates() {
    long n = 0;
    for (JsonNode v : site.get("duplicates")) {
      n += v.asLong();
    }
    return n;
  }

  long faultsInjected() {
    long n = 0;
    var it = site.get("faults").properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getKey().equals("LATENCY")) {
        n += e.getValue().asLong();
      }
    }
    return n;
  }
}
