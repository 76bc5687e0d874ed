package dev.cwo.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The per-host request pipeline of {@link SimulatedCwoSite}: counts the request, applies the
 * current {@link SiteFaults} (latency, persistent wall, rate limit, one seeded random fault), then
 * lets the endpoints answer and counts the answer.
 *
 * <p>Thread-safe: one instance serves all requests of its host.
 */
final class FaultInjectingHandler implements HttpHandler {
  private final SiteHost host;
  private final String apiBasePath;
  private final Function<SiteRequest, Answer> endpoints;
  private final AtomicReference<SiteFaults> faults;
  private final SiteStats stats;
  private final InstantSource clock;
  private final long seed;
  private final AtomicLong sequence = new AtomicLong();
  private final ArrayDeque<Long> window = new ArrayDeque<>();

  FaultInjectingHandler(
      SiteHost host,
      String apiBasePath,
      Function<SiteRequest, Answer> endpoints,
      AtomicReference<SiteFaults> faults,
      SiteStats stats,
      InstantSource clock,
      long seed) {
    this.host = host;
    this.apiBasePath = apiBasePath;
    this.endpoints = endpoints;
    this.faults = faults;
    this.stats = stats;
    this.clock = clock;
    this.seed = Mix.mix(seed, host.ordinal() + 101L);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    SiteRequest req = SiteRequest.parse(ex, host, apiBasePath);
    stats.begin(req.kind, Math.floorDiv(clock.millis(), 1000L));
    try {
      process(ex, req);
    } finally {
      stats.end();
    }
  }

  private void process(HttpExchange ex, SiteRequest req) throws IOException {
    SiteFaults f = faults.get();
    long base = Mix.mix(seed, sequence.getAndIncrement());
    delay(f, base);
    if (f.wall(host)) {
      stats.fault(FaultKind.PERSISTENT_WALL);
      send(ex, wall(base));
      return;
    }
    if (f.rateLimit() > 0) {
      long retryAfter = acquire(f.rateLimit(), clock.millis());
      if (retryAfter > 0) {
        stats.fault(FaultKind.RATE_LIMITED);
        send(ex, Answer.json(429, "{\"message\":\"Too Many Requests\"}")
            .withHeader("Retry-After", Long.toString(retryAfter)));
        return;
      }
    }
    if (!"GET".equals(req.method)) {
      send(ex, Answer.json(405, "{\"message\":\"Method Not Allowed\"}"));
      return;
    }
    double u = Mix.unit(base ^ 0x2L);
    double edge = f.connectionResetRate();
    if (u < edge) {
      stats.fault(FaultKind.CONNECTION_RESET);
      throw new IOException("simulated connection reset"); // the server closes the connection
    }
    if (u < (edge += f.serverErrorRate())) {
      stats.fault(FaultKind.SERVER_ERROR);
      send(ex, serverError(base));
      return;
    }
    if (u < (edge += f.forbiddenRate())) {
      stats.fault(FaultKind.FORBIDDEN);
      send(ex, Answer.json(403, "{\"message\":\"Forbidden\"}"));
      return;
    }
    if (u < (edge += f.humanVerificationRate())) {
      stats.fault(FaultKind.HUMAN_VERIFICATION);
      send(ex, wall(base));
      return;
    }
    boolean truncate = u < edge + f.truncatedBodyRate();
    Answer a = endpoints.apply(req);
    if (truncate && a.status() == 200 && a.body().length > 1) {
      stats.fault(FaultKind.TRUNCATED_BODY);
      boolean cut = switch (f.truncation()) {
        case CUT_CONNECTION -> true;
        case SHORT_BODY -> false;
        case MIXED -> (Mix.mix(base ^ 0x5L) & 1) == 0;
      };
      truncated(ex, a, cut);
      return;
    }
    send(ex, a);
    if (a.status() == 200 && a.data()) {
      stats.success(req.kind, a.resource());
    }
  }

  private void delay(SiteFaults f, long base) throws IOException {
    long mean = f.latencyMean().toNanos();
    long jitter = f.latencyJitter().toNanos();
    if (mean == 0 && jitter == 0) {
      return;
    }
    long nanos = mean + Math.round((Mix.unit(base ^ 0x1L) * 2 - 1) * jitter);
    if (nanos <= 0) {
      return;
    }
    stats.fault(FaultKind.LATENCY);
    try {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L)); // simulated latency, not sync
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("site shutting down", e);
    }
  }

  /** Takes a slot in the sliding one-second window; 0 when granted, else Retry-After seconds. */
  private synchronized long acquire(int limit, long nowMillis) {
    while (!window.isEmpty() && window.peekFirst() <= nowMillis - 1000L) {
      window.pollFirst();
    }
    if (window.size() < limit) {
      window.addLast(nowMillis);
      return 0;
    }
    long wait = window.peekFirst() + 1000L - nowMillis;
    return Math.max(1L, (wait + 999L) / 1000L);
  }

  private static Answer wall(long base) {
    long d = Mix.mix(base ^ 0x3L);
    int status = new int[] {200, 202, 405}[(int) Math.floorMod(d, 3L)];
    Answer a = Answer.html(status, FailurePages.WALL);
    return ((d >>> 8) & 1) == 0 ? a.withHeader("x-amzn-waf-action", "captcha") : a;
  }

  private static Answer serverError(long base) {
    return switch ((int) Math.floorMod(Mix.mix(base ^ 0x4L), 4L)) {
      case 0 -> Answer.html(500, FailurePages.INTERNAL_HTML);
      case 1 -> Answer.html(502, FailurePages.BAD_GATEWAY_HTML);
      case 2 -> Answer.json(503, "{\"message\":\"Service Unavailable\"}");
      default -> Answer.json(504, "{\"message\":\"Endpoint request timed out\"}");
    };
  }

  private void send(HttpExchange ex, Answer a) throws IOException {
    headers(ex, a);
    stats.status(a.status());
    if (a.body().length == 0) {
      ex.sendResponseHeaders(a.status(), -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(a.status(), a.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(a.body());
    }
  }

  private void truncated(HttpExchange ex, Answer a, boolean cutConnection) throws IOException {
    headers(ex, a);
    stats.status(a.status());
    int half = a.body().length / 2;
    if (!cutConnection) {
      ex.sendResponseHeaders(a.status(), half);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body(), 0, half);
      }
      return;
    }
    ex.sendResponseHeaders(a.status(), a.body().length);
    OutputStream out = ex.getResponseBody();
    out.write(a.body(), 0, half);
    out.flush();
    // Throwing makes the JDK server close the connection with the body short of Content-Length.
    throw new IOException("simulated truncated body");
  }

  private static void headers(HttpExchange ex, Answer a) {
    ex.getResponseHeaders().set("Content-Type", a.contentType());
    for (Map.Entry<String, String> h : a.headers().entrySet()) {
      ex.getResponseHeaders().set(h.getKey(), h.getValue());
    }
  }
}
