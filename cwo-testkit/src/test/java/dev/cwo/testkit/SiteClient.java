package dev.cwo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plain JDK HttpClient wrapper that encodes paths and queries the way the protocol says. */
final class SiteClient {
  final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
  final SimulatedCwoSite site;

  SiteClient(SimulatedCwoSite site) {
    this.site = site;
  }

  /** One RFC 3986 path segment, fully percent-encoded. */
  static String seg(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String path(String... names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append('/').append(seg(n));
    }
    return sb.toString();
  }

  static String form(Map<String, String> q) {
    return q.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Map<String, String> q(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  HttpResponse<String> api(String rawPath) {
    return get(URI.create(site.apiBase() + rawPath), null);
  }

  HttpResponse<String> store(String rawPathAndQuery, String session) {
    return get(URI.create(site.storeBase() + rawPathAndQuery), session);
  }

  HttpResponse<String> get(URI uri, String session) {
    try {
      return send(uri, session);
    } catch (IOException e) {
      throw new UncheckedIOException(uri.toString(), e);
    }
  }

  HttpResponse<String> send(URI uri, String session) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
    if (session != null) {
      b.header("Cookie", "PHPSESSID=" + session);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Opens a session for a vehicle; returns the PHPSESSID. */
  String setVehicle(dev.cwo.Vehicle v) {
    var k = v.key();
    HttpResponse<String> r = store("/api/ymm-temp.php?" + form(q("store", "wheels", "type", "set",
        "vehicle_type", v.vehicleType() == null ? "" : v.vehicleType(),
        "year", Integer.toString(k.year()), "make", k.make(), "model", k.model(), "trim", k.trim(),
        "drive", k.drive(), "chassis", v.chassisId() == null ? "" : v.chassisId())), null);
    return sessionOf(r).orElseThrow(() -> new AssertionError("no PHPSESSID in " + r.headers()));
  }

  static Optional<String> sessionOf(HttpResponse<?> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("PHPSESSID="))
        .map(c -> c.substring("PHPSESSID=".length(), c.indexOf(';')))
        .findFirst();
  }

  HttpResponse<String> fitmentPage(dev.cwo.Vehicle v, dev.cwo.FitmentOption o, String session) {
    var k = v.key();
    return store("/store/wheels?" + form(q("sort", "instock", "saleToggle", "0", "qdToggle", "0",
        "year", Integer.toString(k.year()), "make", k.make(), "model", k.model(),
        "trim", k.trim(), "drive", k.drive(), "DRChassisID", v.chassisId(),
        "vehicle_type", v.vehicleType(), "suspension", o.suspension(),
        "modification", o.modification(), "rubbing", o.rubbing())), session);
  }

  HttpResponse<String> options(String vehicleType, String flag, String session) {
    return store("/api/ymm-temp.php?" + form(q("type", "set", "vehicle_type", vehicleType,
        "store", "wheels", flag, "true")), session);
  }
}
