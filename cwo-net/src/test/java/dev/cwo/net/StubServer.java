package dev.cwo.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server serving canned answers per raw path, recording every request. */
final class StubServer implements AutoCloseable {

  /** One request as received. */
  record Seen(String rawPath, String rawQuery, Map<String, List<String>> headers) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join("; ", e.getValue());
        }
      }
      return null;
    }
  }

  /** What a handler does with one exchange. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  static {
    // answer without Nagle's delay (the JDK server writes head and body separately)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Handler>> routes = new ConcurrentHashMap<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private volatile Handler fallback = json(404, "{\"message\":\"Not Found\"}");

  private StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::dispatch);
    server.setExecutor(executor);
    server.start();
  }

  static StubServer start() {
    try {
      return new StubServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI uri(String rawPathAndQuery) {
    return URI.create(base() + rawPathAndQuery);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Answers requests for {@code rawPath} with the handlers in turn; the last one keeps answering.
   */
  StubServer on(String rawPath, Handler... handlers) {
    routes.put(rawPath, new ArrayDeque<>(List.of(handlers)));
    return this;
  }

  /** Answers every path without a route. */
  StubServer otherwise(Handler handler) {
    this.fallback = handler;
    return this;
  }

  List<Seen> requests() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  List<Seen> requests(String rawPath) {
    return requests().stream().filter(s -> s.rawPath().equals(rawPath)).toList();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    seen.add(new Seen(uri.getRawPath(), uri.getRawQuery(), headers));
    Deque<Handler> queue = routes.get(uri.getRawPath());
    Handler handler;
    if (queue == null) {
      handler = fallback;
    } else {
      synchronized (queue) {
        handler = queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    try {
      handler.handle(exchange);
    } finally {
      exchange.close();
    }
  }

  static Handler reply(int status, String contentType, String body, String... headerPairs) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    };
  }

  static Handler json(int status, String body, String... headerPairs) {
    return reply(status, "application/json", body, headerPairs);
  }

  static Handler html(int status, String body, String... headerPairs) {
    return reply(status, "text/html; charset=UTF-8", body, headerPairs);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
