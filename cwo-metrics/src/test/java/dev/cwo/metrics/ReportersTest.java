package dev.cwo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.jmx.JmxReporter;
import dev.cwo.spi.MetricTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dropwizard's reporters started through the monitor. Each is driven with report() once. */
class ReportersTest {
  private final MetricRegistry registry = new MetricRegistry();
  private final DropwizardMetricTracker tracker = DropwizardMetricTracker.of(registry);
  private final PerformanceMonitor monitor = PerformanceMonitor.of(tracker);

  ReportersTest() {
    try (MetricTracker.Scope s = tracker.start("fetch")) {
      // timed
    }
    tracker.count("pages", 2);
    tracker.record("batch-size", 5);
  }

  @Test
  @DisplayName("the console reporter prints timers, counters and histograms")
  void console() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ScheduledReporter r = monitor.startConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofHours(1))) {
      r.report();
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("cwo.op.fetch", "cwo.pages", "cwo.batch-size");
  }

  @Test
  @DisplayName("the SLF4J reporter logs each metric")
  void slf4j() {
    List<String> lines = new CopyOnWriteArrayList<>();
    org.slf4j.Logger logger = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class},
        (proxy, method, args) -> {
          if (method.getName().startsWith("is")) return true;
          if (method.getName().equals("info") && args != null) lines.add(java.util.Arrays.deepToString(args));
          return null;
        });
    try (ScheduledReporter r = monitor.startSlf4jReporter(logger, Duration.ofHours(1))) {
      r.report();
    }
    assertThat(String.join("\n", lines)).contains("cwo.op.fetch", "cwo.pages");
  }

  @Test
  @DisplayName("the CSV reporter writes one file per metric into an existing directory only")
  void csv(@TempDir Path dir) throws Exception {
    try (ScheduledReporter r = monitor.startCsvReporter(dir, Duration.ofHours(1))) {
      r.report();
    }
    assertThat(dir.resolve("cwo.pages.csv")).exists();
    assertThat(Files.readAllLines(dir.resolve("cwo.pages.csv")).get(1)).endsWith(",2");
    assertThat(dir.resolve("cwo.op.fetch.csv")).exists();
    assertThatThrownBy(() -> monitor.startCsvReporter(dir.resolve("missing"), Duration.ofSeconds(1)))
        .hasMessageContaining("missing");
  }

  @Test
  @DisplayName("JMX, when asked, registers MBeans in the domain and unregisters them on close")
  void jmx() throws Exception {
    ObjectName name = new ObjectName("cwo-test-jmx:name=cwo.pages,type=counters");
    var server = ManagementFactory.getPlatformMBeanServer();
    try (JmxReporter r = monitor.startJmxReporter("cwo-test-jmx")) {
      assertThat(server.queryNames(new ObjectName("cwo-test-jmx:*"), null)).isNotEmpty();
      assertThat(server.isRegistered(name)).isTrue();
      assertThat(server.getAttribute(name, "Count")).isEqualTo(2L);
    }
    assertThat(server.queryNames(new ObjectName("cwo-test-jmx:*"), null)).isEmpty();
  }

  @Test
  @DisplayName("a period under 1 ms is refused")
  void badPeriod() {
    assertThatThrownBy(() -> monitor.startConsoleReporter(System.out, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
  }
}
