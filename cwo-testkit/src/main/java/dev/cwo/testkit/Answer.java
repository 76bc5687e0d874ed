package dev.cwo.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer the simulated site is about to send.
 *
 * <p>Immutable and thread-safe (the body array is never changed after creation).
 *
 * @param status HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body the full body
 * @param headers extra headers
 * @param resource for a 200-with-data answer, the resource key duplicates are counted by; {@code
 *     null} when the answer carries no data (or is never a duplicate)
 * @param data whether this answer counts as a successful, data-carrying answer
 */
record Answer(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    String resource,
    boolean data) {
  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=UTF-8";

  static Answer json(String body, String resource) {
    return new Answer(200, JSON, utf8(body), Map.of(), resource, true);
  }

  static Answer json(int status, String body) {
    return new Answer(status, JSON, utf8(body), Map.of(), null, false);
  }

  static Answer html(int status, String body) {
    return new Answer(status, HTML, utf8(body), Map.of(), null, false);
  }

  static Answer notFound() {
    return json(404, "{\"message\":\"Not Found\"}");
  }

  Answer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Answer(status, contentType, body, Map.copyOf(h), resource, data);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
