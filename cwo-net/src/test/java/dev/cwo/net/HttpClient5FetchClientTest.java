package dev.cwo.net;

import static dev.cwo.net.StubServer.html;
import static dev.cwo.net.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.InvalidConfigurationException;
import dev.cwo.PermanentFetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpClient5FetchClientTest {
  private final StubServer server = StubServer.start();
  private HttpClient5FetchClient client =
      HttpClient5FetchClient.builder()
          .maxConnectionsTotal(8)
          .maxConnectionsPerRoute(4)
          .responseTimeout(Duration.ofSeconds(5))
          .maxBodyBytes(64 * 1024)
          .cookie("127.0.0.1", "aws-waf-token", "secret-token")
          .build();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private FetchResponse get(String path) {
    return client.fetch(FetchRequest.get(server.uri(path), "test"));
  }

  private FetchResponse get(String path, FetchSession session) {
    return client.fetch(new FetchRequest(server.uri(path), Map.of(), session, "test"));
  }

  @Test
  @DisplayName("sends browser-like default headers; a request's own header wins")
  void defaultHeaders() {
    server.on("/h", json(200, "[]"));
    get("/h");
    client.fetch(new FetchRequest(server.uri("/h"), Map.of("Referer", "https://x.test/"), null, "t"));

    StubServer.Seen first = server.requests("/h").get(0);
    assertThat(first.header("User-Agent")).contains("Chrome/").contains("Windows NT");
    assertThat(first.header("Accept-Language")).startsWith("en-US");
    assertThat(first.header("Referer")).isEqualTo("https://www.customwheeloffset.com/");
    assertThat(first.header("Origin")).isEqualTo("https://www.customwheeloffset.com");
    assertThat(server.requests("/h").get(1).header("Referer")).isEqualTo("https://x.test/");
  }

  @Test
  @DisplayName("a builder's default header replaces the default of the same name")
  void overrideDefaultHeader() {
    try (HttpClient5FetchClient c =
        HttpClient5FetchClient.builder().defaultHeader("user-agent", "cwo-test/1").build()) {
      server.on("/h", json(200, "[]"));
      c.fetch(FetchRequest.get(server.uri("/h"), "t"));
      assertThat(server.requests("/h").get(0).header("User-Agent")).isEqualTo("cwo-test/1");
    }
  }

  @Test
  @DisplayName("returns any status with its body; header names are lower case")
  void anyStatus() {
    server.on("/missing", json(404, "{\"message\":\"Not Found\"}", "X-Custom-Thing", "v"));
    FetchResponse r = get("/missing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    assertThat(r.headers()).containsKey("x-custom-thing").containsKey("content-type");
    assertThat(r.headers().keySet()).allMatch(k -> k.equals(k.toLowerCase()));
  }

  @Test
  @DisplayName("asks for and decodes gzip and deflate bodies")
  void compression() throws IOException {
    String text = "[\"Acura\",\"Alfa Romeo\"]".repeat(50);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream df = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(df)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    server.on("/gz", bytes(gz.toByteArray(), "gzip"));
    server.on("/df", bytes(df.toByteArray(), "deflate"));

    assertThat(get("/gz").bodyText()).isEqualTo(text);
    assertThat(get("/df").bodyText()).isEqualTo(text);
    assertThat(server.requests("/gz").get(0).header("Accept-Encoding")).contains("gzip");
  }

  @Test
  @DisplayName("asks for and decodes brotli bodies")
  void brotli() throws IOException {
    // ["AWD","FWD"] compressed with the brotli command-line tool
    byte[] br = java.util.Base64.getDecoder().decode("DwaAWyJBV0QiLCJGV0QiXQM=");
    server.on("/br", bytes(br, "br"));

    assertThat(get("/br").bodyText()).isEqualTo("[\"AWD\",\"FWD\"]");
    assertThat(server.requests("/br").get(0).header("Accept-Encoding")).contains("br");
  }

  private static StubServer.Handler bytes(byte[] body, String encoding) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Encoding", encoding);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  @Test
  @DisplayName("an oversize body is a permanent failure naming URL and limit; the pool is not leaked")
  void oversize() {
    server.on("/big", json(200, "x".repeat(200_000)));
    server.on("/bigchunked", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: no declared length
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] kb = new byte[1024];
        for (int i = 0; i < 200; i++) {
          out.write(kb);
        }
      } catch (IOException clientHungUp) {
        // expected once the client stops reading
      }
    });
    server.on("/small", json(200, "[]"));

    assertThatThrownBy(() -> get("/big"))
        .isInstanceOf(PermanentFetchException.class)
        .hasMessageContaining(server.uri("/big").toString())
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> get("/bigchunked"))
        .isInstanceOf(PermanentFetchException.class)
        .hasMessageContaining("/bigchunked")
        .hasMessageContaining("65536");
    assertThat(get("/small").status()).isEqualTo(200);
    assertThat(client.poolStats().leased()).isZero();
  }

  @Test
  @DisplayName("a body that stops short is a transient failure with the URI")
  void truncated() {
    try (RawServer raw = RawServer.truncatedAnswers()) {
      URI uri = raw.uri("/cut");
      assertThatThrownBy(() -> client.fetch(FetchRequest.get(uri, "t")))
          .isInstanceOfSatisfying(
              TransientFetchException.class, e -> assertThat(e.uri()).isEqualTo(uri))
          .hasMessageContaining("/cut");
    }
  }

  @Test
  @DisplayName("a connection closed without an answer is a transient failure")
  void reset() {
    try (RawServer raw = RawServer.resets()) {
      URI uri = raw.uri("/x");
      assertThatThrownBy(() -> client.fetch(FetchRequest.get(uri, "t")))
          .isInstanceOfSatisfying(
              TransientFetchException.class,
              e -> {
                assertThat(e.uri()).isEqualTo(uri);
                assertThat(e.status()).isEqualTo(-1);
              });
    }
  }

  @Test
  @DisplayName("a server slower than the response timeout is a transient failure")
  void timeout() {
    CountDownLatch release = new CountDownLatch(1);
    server.on("/slow", exchange -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (HttpClient5FetchClient quick =
        HttpClient5FetchClient.builder().responseTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> quick.fetch(FetchRequest.get(server.uri("/slow"), "t")))
          .isInstanceOf(TransientFetchException.class)
          .hasMessageContaining("/slow");
    } finally {
      release.countDown();
    }
  }

  @Test
  @DisplayName("cookies set in one session go back in that session only")
  void sessionIsolation() {
    server.on("/set", json(200, "{}", "Set-Cookie", "PHPSESSID=abc123; Path=/; HttpOnly"));
    server.on("/echo", json(200, "{}"));
    try (FetchSession a = client.newSession(); FetchSession b = client.newSession()) {
      get("/set", a);
      get("/echo", a);
      get("/echo", b);
      get("/echo");

      List<StubServer.Seen> echoes = server.requests("/echo");
      assertThat(echoes.get(0).header("Cookie")).contains("PHPSESSID=abc123");
      assertThat(echoes.get(1).header("Cookie")).doesNotContain("PHPSESSID");
      assertThat(echoes.get(2).header("Cookie")).doesNotContain("PHPSESSID");
      a.close();
      get("/echo", a);
      assertThat(server.requests("/echo").get(3).header("Cookie")).isNull();
    }
  }

  @Test
  @DisplayName("caller cookies go with every session, to their own domain only")
  void callerCookiesOnlyToTheirDomain() {
    server.on("/echo", json(200, "{}"));
    try (FetchSession s = client.newSession()) {
      get("/echo", s);
      get("/echo");
      URI otherName = URI.create("http://localhost:" + server.port() + "/echo");
      client.fetch(new FetchRequest(otherName, Map.of(), s, "t"));
    }
    List<StubServer.Seen> echoes = server.requests("/echo");
    assertThat(echoes.get(0).header("Cookie")).contains("aws-waf-token=secret-token");
    assertThat(echoes.get(1).header("Cookie")).contains("aws-waf-token=secret-token");
    assertThat(echoes.get(2).header("Cookie")).isNull();
    assertThat(client.newSession().toString()).doesNotContain("secret-token");
  }

  @Test
  @DisplayName("a session from another client is refused")
  void foreignSession() {
    try (HttpClient5FetchClient other = HttpClient5FetchClient.builder().build()) {
      FetchSession foreign = other.newSession();
      assertThatThrownBy(() -> get("/x", foreign)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("follows redirects on the same host only")
  void redirects() {
    server.on("/same", exchange -> {
      exchange.getResponseHeaders().set("Location", "/target");
      exchange.sendResponseHeaders(302, -1);
    });
    server.on("/elsewhere", exchange -> {
      exchange.getResponseHeaders().set(
          "Location", "http://localhost:" + server.port() + "/target");
      exchange.sendResponseHeaders(302, -1);
    });
    server.on("/target", json(200, "[\"here\"]"));

    FetchResponse same = get("/same");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.bodyText()).isEqualTo("[\"here\"]");
    assertThat(same.uri().getPath()).isEqualTo("/target");

    FetchResponse elsewhere = get("/elsewhere");
    assertThat(elsewhere.status()).isEqualTo(302);
    assertThat(server.requests("/target")).hasSize(1);
  }

  @Test
  @DisplayName("keeps connections alive and reports the pool")
  void poolStats() {
    server.on("/a", json(200, "[]"));
    for (int i = 0; i < 5; i++) {
      get("/a");
    }
    FetchPoolStats stats = client.poolStats();
    assertThat(stats.max()).isEqualTo(8);
    assertThat(stats.leased()).isZero();
    assertThat(stats.available()).isEqualTo(1); // one connection, reused
    assertThat(stats.pending()).isZero();
  }

  @Test
  @DisplayName("fetchAll answers each request on its own, in order")
  void fetchAll() {
    server.on("/ok", json(200, "[1]"));
    RawServer raw = RawServer.resets();
    List<FetchRequest> requests = List.of(
        FetchRequest.get(server.uri("/ok"), "t"),
        FetchRequest.get(raw.uri("/cut"), "t"),
        FetchRequest.get(server.uri("/nope"), "t"));
    List<FetchOutcome> outcomes = client.fetchAll(requests);
    raw.close();
    assertThat(outcomes).extracting(FetchOutcome::request).containsExactlyElementsOf(requests);
    assertThat(outcomes.get(0).response().bodyText()).isEqualTo("[1]");
    assertThat(outcomes.get(1).failure()).isInstanceOf(TransientFetchException.class);
    assertThat(outcomes.get(2).response().status()).isEqualTo(404);
  }

  @Test
  @DisplayName("build() names every bad setting")
  void badSettings() {
    assertThatThrownBy(() -> HttpClient5FetchClient.builder()
            .maxConnectionsTotal(0)
            .maxConnectionsPerRoute(-1)
            .connectTimeout(Duration.ZERO)
            .responseTimeout(Duration.ofSeconds(-1))
            .maxBodyBytes(0)
            .cookie("", "n", "v")
            .build())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> assertThat(String.join("\n", e.problems()))
                .contains("maxConnectionsTotal")
                .contains("maxConnectionsPerRoute")
                .contains("connectTimeout")
                .contains("responseTimeout")
                .contains("maxBodyBytes")
                .contains("cookie domain"));
  }

  @Test
  @DisplayName("a request to a closed client fails instead of hanging")
  void closed() {
    HttpClient5FetchClient c = HttpClient5FetchClient.builder().build();
    c.close();
    assertThatThrownBy(() -> c.fetch(FetchRequest.get(server.uri("/a"), "t")))
        .isInstanceOf(RuntimeException.class);
  }

  @SuppressWarnings("unused")
  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
