package dev.cwo.examples.cli;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Serves a Dropwizard registry in Prometheus' text format on {@code http://HOST:PORT/metrics},
 * through Prometheus' own bridge ({@code simpleclient_dropwizard}) and server ({@code
 * simpleclient_httpserver}); names are Prometheus-sanitised ({@code cwo.op.site.models} becomes
 * {@code cwo_op_site_models}, a timer a summary in seconds). Binds to loopback unless told
 * otherwise. Thread-safe; close it to stop serving.
 */
final class PrometheusEndpoint implements AutoCloseable {
  private final HTTPServer server;
  private final String host;

  PrometheusEndpoint(MetricRegistry registry, String host, int port) {
    CollectorRegistry prometheus = new CollectorRegistry();
    prometheus.register(new DropwizardExports(registry));
    this.host = host;
    try {
      this.server = new HTTPServer.Builder()
          .withInetSocketAddress(new InetSocketAddress(host, port))
          .withRegistry(prometheus)
          .withDaemonThreads(true)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve Prometheus metrics on " + host + ":" + port
          + ": " + e.getMessage() + " (is the port free?)", e);
    }
  }

  /** The port served on (the one picked when 0 was asked for). */
  int port() {
    return server.getPort();
  }

  /** The URL of the metrics page. */
  URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + "/metrics");
  }

  @Override
  public void close() {
    server.close();
  }
}
