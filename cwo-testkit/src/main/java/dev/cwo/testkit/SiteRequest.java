package dev.cwo.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulated site understands it: the endpoint kind, the decoded path segments
 * (a raw {@code +} decodes to a space), the form-decoded query and the session cookie.
 *
 * <p>Immutable once parsed; confined to the handling thread.
 */
final class SiteRequest {
  final EndpointKind kind;
  /** Decoded path segments after the host's base path; null when a segment could not be decoded. */
  final List<String> segments;
  final Map<String, String> query;
  final String sessionId;
  final String method;

  private SiteRequest(
      EndpointKind kind, List<String> segments, Map<String, String> query, String sessionId,
      String method) {
    this.kind = kind;
    this.segments = segments;
    this.query = query;
    this.sessionId = sessionId;
    this.method = method;
  }

  static SiteRequest parse(HttpExchange ex, SiteHost host, String apiBasePath) {
    String rawPath = ex.getRequestURI().getRawPath();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String session = session(ex.getRequestHeaders().get("Cookie"));
    String method = ex.getRequestMethod();
    if (host == SiteHost.API) {
      List<String> segs = null;
      EndpointKind kind = EndpointKind.UNKNOWN;
      if (rawPath != null && rawPath.startsWith(apiBasePath)) {
        String rest = rawPath.substring(apiBasePath.length());
        if (rest.isEmpty() || rest.equals("/")) {
          segs = List.of();
          kind = EndpointKind.YEARS;
        } else if (rest.startsWith("/")) {
          segs = decode(rest.substring(1).split("/", -1));
          kind = segs == null ? EndpointKind.UNKNOWN : apiKind(segs);
        }
      }
      return new SiteRequest(kind, segs, query, session, method);
    }
    EndpointKind kind = EndpointKind.UNKNOWN;
    if ("/api/ymm-temp.php".equals(rawPath)) {
      if ("true".equals(query.get("getSuspension")) || "true".equals(query.get("getTrimming"))
          || "true".equals(query.get("getRubbing"))) {
        kind = EndpointKind.OPTIONS;
      } else if ("set".equals(query.get("type"))) {
        kind = EndpointKind.SET_VEHICLE;
      }
    } else if ("/store/wheels".equals(rawPath)) {
      kind = EndpointKind.FITMENT_PAGE;
    }
    return new SiteRequest(kind, List.of(), query, session, method);
  }

  private static EndpointKind apiKind(List<String> s) {
    if (s.get(0).equals("offsetguide")) {
      return s.size() == 7 && s.get(4).equals("trim") && s.get(6).equals("drives")
          ? EndpointKind.DRIVES
          : EndpointKind.UNKNOWN;
    }
    return switch (s.size()) {
      case 1 -> EndpointKind.MAKES;
      case 2 -> EndpointKind.MODELS;
      case 3 -> EndpointKind.MODEL_INFO;
      case 5 -> EndpointKind.VEHICLE;
      default -> EndpointKind.UNKNOWN;
    };
  }

  /** Decodes path segments as the site does: {@code %XX} as UTF-8 and a raw {@code +} as space. */
  private static List<String> decode(String[] raw) {
    List<String> out = new ArrayList<>(raw.length);
    try {
      for (String r : raw) {
        out.add(URLDecoder.decode(r, StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return List.copyOf(out);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed pair is ignored, as lenient servers do
      }
    }
    return out;
  }

  private static String session(List<String> cookieHeaders) {
    if (cookieHeaders == null) {
      return null;
    }
    for (String header : cookieHeaders) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith("PHPSESSID=")) {
          return p.substring("PHPSESSID=".length());
        }
      }
    }
    return null;
  }
}
