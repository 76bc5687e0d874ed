package dev.cwo.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cwo.FetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchClient;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchResponse;
import dev.cwo.spi.FetchSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link FetchClient} honours, as a JUnit 5 test class to extend: implement
 * {@link #createClient(ClientSettings)} and every rule runs against a fresh client and a small
 * loopback HTTP server ({@code com.sun.net.httpserver}) this kit starts itself on 127.0.0.1.
 *
 * <p>Rules: every HTTP status comes back as a response, never an exception; response header names
 * are lower case; cookies set in one session go back in that session only; the caller's cookies
 * go with every request to their host and nowhere else; an I/O failure (reset, refused) is a
 * {@link TransientFetchException}; a body over the cap is a {@link FetchException}, not an
 * out-of-memory, and the client stays usable; under concurrent use every caller gets its own
 * answer.
 *
 * <p>Not thread-safe itself (JUnit creates one instance per test).
 *
 * <pre>{@code
 * class HttpClient5FetchClientContractTest extends FetchClientContract {
 *   @Override
 *   protected FetchClient createClient(ClientSettings s) {
 *     return HttpClient5FetchClient.builder()
 *         .maxBodyBytes(s.maxBodyBytes())
 *         .cookie(s.cookieHost(), s.cookieName(), s.cookieValue())
 *         .build();
 *   }
 * }
 * }</pre>
 */
public abstract class FetchClientContract {

  /**
   * What the client under test must be built with.
   *
   * @param maxBodyBytes the largest body it accepts
   * @param cookieHost the one host (exact, host-only) the caller's cookie belongs to
   * @param cookieName the caller's cookie name
   * @param cookieValue the caller's cookie value
   */
  public record ClientSettings(
      long maxBodyBytes, String cookieHost, String cookieName, String cookieValue) {
    @Override
    public String toString() {
      return "ClientSettings[maxBodyBytes=" + maxBodyBytes + ", cookie " + cookieName + " for "
          + cookieHost + "]";
    }
  }

  /** The body cap the client is built with: 64 KiB. */
  protected static final long MAX_BODY_BYTES = 64 * 1024;

  private static final ClientSettings SETTINGS =
      new ClientSettings(MAX_BODY_BYTES, "127.0.0.1", "caller-token", "contract-secret");

  /** A new client built with {@code settings}; the kit closes it after each rule. */
  protected abstract FetchClient createClient(ClientSettings settings);

  private HttpServer server;
  private ExecutorService serverThreads;
  private FetchClient client;

  @BeforeEach
  void startServerAndClient() throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true"); // no 40 ms Nagle stalls
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    serverThreads = Executors.newFixedThreadPool(32);
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    client = Objects.requireNonNull(createClient(SETTINGS), "createClient returned null");
  }

  @AfterEach
  void stopServerAndClient() {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String[] parts = path.split("/");
      String cookie = ex.getRequestHeaders().getFirst("Cookie");
      switch (parts.length > 1 ? parts[1] : "") {
        case "status" -> reply(ex, Integer.parseInt(parts[2]), "status " + parts[2]);
        case "headers" -> {
          ex.getResponseHeaders().add("X-Mixed-Case", "Yes");
          ex.getResponseHeaders().add("X-Twice", "one");
          ex.getResponseHeaders().add("X-Twice", "two");
          reply(ex, 200, "headers");
        }
        case "set" -> {
          ex.getResponseHeaders().add("Set-Cookie", "sid=" + parts[2] + "; Path=/");
          reply(ex, 200, "set");
        }
        case "cookies" -> reply(ex, 200, cookie == null ? "" : cookie);
        case "big" -> reply(ex, 200, "x".repeat(Integer.parseInt(parts[2])));
        case "echo" -> reply(ex, 200, parts[2] + "|" + (cookie == null ? "" : cookie));
        default -> reply(ex, 404, "no such path");
      }
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private FetchResponse get(String path, FetchSession session) {
    return client.fetch(new FetchRequest(uri(path), Map.of(), session, "contract"));
  }

  @Test
  @DisplayName("every HTTP status comes back as a response with its body, never as an exception")
  void anyStatusIsAResponse() {
    for (int status : new int[] {200, 201, 400, 403, 404, 405, 429, 500, 502, 503, 504}) {
      FetchResponse r = get("/status/" + status, null);
      assertThat(r.status()).isEqualTo(status);
      assertThat(r.bodyText()).isEqualTo("status " + status);
      assertThat(r.uri()).isEqualTo(uri("/status/" + status));
    }
  }

  @Test
  @DisplayName("response header names are lower case, with every value kept")
  void headerNamesAreLowerCase() {
    FetchResponse r = get("/headers", null);
    assertThat(r.headers()).containsKey("x-mixed-case").doesNotContainKey("X-Mixed-Case");
    assertThat(r.headers().keySet()).allSatisfy(k -> assertThat(k).isLowerCase());
    assertThat(r.header("X-MIXED-CASE")).contains("Yes");
    assertThat(r.headers().get("x-twice")).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  @DisplayName("cookies set in one session go back in that session only")
  void sessionCookiesAreIsolated() {
    try (FetchSession a = client.newSession();
        FetchSession b = client.newSession()) {
      get("/set/alpha", a);
      get("/set/beta", b);
      assertThat(get("/cookies", a).bodyText()).contains("sid=alpha").doesNotContain("beta");
      assertThat(get("/cookies", b).bodyText()).contains("sid=beta").doesNotContain("alpha");
      assertThat(get("/cookies", null).bodyText()).doesNotContain("sid=");
      try (FetchSession c = client.newSession()) {
        assertThat(get("/cookies", c).bodyText()).doesNotContain("sid=");
      }
    }
  }

  @Test
  @DisplayName("the caller's cookie goes with every request to its host, and to no other host")
  void callerCookiesGoToTheirHostOnly() {
    String expected = SETTINGS.cookieName() + "=" + SETTINGS.cookieValue();
    assertThat(get("/cookies", null).bodyText()).contains(expected);
    try (FetchSession s = client.newSession()) {
      get("/set/gamma", s);
      assertThat(get("/cookies", s).bodyText()).contains(expected).contains("sid=gamma");
      URI otherHost = URI.create("http://localhost:" + server.getAddress().getPort() + "/cookies");
      FetchResponse r = client.fetch(new FetchRequest(otherHost, Map.of(), s, "contract"));
      assertThat(r.bodyText()).doesNotContain(SETTINGS.cookieName());
    }
    assertThat(client.newSession().toString()).doesNotContain(SETTINGS.cookieValue());
  }

  @Test
  @DisplayName("a connection reset or refused is a TransientFetchException naming the URL")
  void ioFailureIsTransient() throws Exception {
    try (ServerSocket resetter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CountDownLatch accepted = new CountDownLatch(1);
      Thread t = new Thread(() -> {
        // resets every connection, not just the first: some clients retry a reset GET on their own
        while (!resetter.isClosed()) {
          try (Socket s = resetter.accept()) {
            s.setSoLinger(true, 0); // close with RST, no answer
            s.getInputStream().read(new byte[512]);
            accepted.countDown();
          } catch (IOException ignored) {
            // closed by the test, or a broken connection: the test fails on its own assertions
          }
        }
      }, "contract-resetter");
      t.setDaemon(true);
      t.start();
      URI reset = URI.create("http://127.0.0.1:" + resetter.getLocalPort() + "/reset");
      assertThatThrownBy(() -> client.fetch(FetchRequest.get(reset, "contract")))
          .isInstanceOf(TransientFetchException.class)
          .satisfies(e -> assertThat(((FetchException) e).uri()).isEqualTo(reset));
      assertThat(accepted.await(5, TimeUnit.SECONDS)).isTrue();
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    URI refused = URI.create("http://127.0.0.1:" + closedPort + "/refused");
    assertThatThrownBy(() -> client.fetch(FetchRequest.get(refused, "contract")))
        .isInstanceOf(TransientFetchException.class);
    assertThat(get("/status/200", null).status()).as("the client still works").isEqualTo(200);
  }

  @Test
  @DisplayName("a body over the cap is a FetchException, not an out-of-memory; the client goes on")
  void bodyCap() {
    assertThat(get("/big/" + MAX_BODY_BYTES, null).body()).hasSize((int) MAX_BODY_BYTES);
    assertThatThrownBy(() -> get("/big/" + (4 * MAX_BODY_BYTES), null))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining(uri("/big/" + (4 * MAX_BODY_BYTES)).toString());
    assertThat(get("/status/200", null).bodyText()).isEqualTo("status 200");
  }

  @Test
  @DisplayName("under concurrent use every caller gets its own answer and its own session's cookies")
  void threadSafe() throws Exception {
    int threads = 16;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger wrong = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          start.await();
          try (FetchSession s = client.newSession()) {
            get("/set/t" + id, s);
            for (int i = 0; i < perThread; i++) {
              String body = get("/echo/" + id + "-" + i, s).bodyText();
              List<String> sids = java.util.Arrays.stream(body.substring(body.indexOf('|') + 1)
                      .split(";\\s*"))
                  .filter(c -> c.startsWith("sid="))
                  .toList();
              if (!body.startsWith(id + "-" + i + "|") || !sids.equals(List.of("sid=t" + id))) {
                wrong.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wrong.get()).as("answers that went to the wrong caller or session").isZero();
  }
}
