package dev.cwo.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.cwo.InvalidConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's own metrics, through HikariCP's Dropwizard integration. */
class PoolMetricsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("with a Dropwizard registry the pool reports its gauges and connection waits")
  void hikariGauges() {
    MetricRegistry registry = new MetricRegistry();
    try (JooqCombinationStore store = JooqCombinationStore.builder()
        .jdbcUrl("jdbc:sqlite:" + dir.resolve("cwo.db")).maximumPoolSize(3).metricRegistry(registry).build()) {
      assertThat(store.vehicleCount()).isZero();
      assertThat(registry.getGauges()).containsKeys("cwo-store.pool.TotalConnections",
          "cwo-store.pool.ActiveConnections", "cwo-store.pool.IdleConnections",
          "cwo-store.pool.PendingConnections", "cwo-store.pool.MaxConnections");
      assertThat(registry.getGauges().get("cwo-store.pool.MaxConnections").getValue()).isEqualTo(3);
      assertThat(registry.timer("cwo-store.pool.Wait").getCount()).isPositive();
    }
  }

  @Test
  @DisplayName("a registry of an unknown kind, or one with a caller's dataSource, is refused by name")
  void badRegistry() {
    assertThatThrownBy(() -> JooqCombinationStore.builder()
        .jdbcUrl("jdbc:sqlite:" + dir.resolve("x.db")).metricRegistry("not a registry").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("metricRegistry must be a Dropwizard MetricRegistry")
        .hasMessageContaining("java.lang.String");
  }
}
