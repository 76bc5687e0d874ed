package dev.cwo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoggingProgressListenerTest {

  private static ProgressSnapshot at(long seconds, boolean finished) {
    return new ProgressSnapshot(
        Map.of(TreeLevel.VEHICLES, new LevelCounts(180, 20, 80, 1),
            TreeLevel.COMBINATIONS, new LevelCounts(2400, 300, 600, 0)),
        Duration.ofSeconds(seconds), 35.14, Optional.of(Duration.ofSeconds(65)), finished);
  }

  @Test
  @DisplayName("a line shows each level as resolved/found with skipped and failed, the rate and the ETA")
  void format() {
    assertThat(LoggingProgressListener.format(at(65, false))).isEqualTo(
        "progress 65.0s: models 0/0, trims 0/0, drives 0/0, vehicles 101/180 (20 skipped, 1 failed),"
            + " sessions 0/0, combinations 900/2400 (300 skipped); 35.1 req/s; ETA 1m 05s");
    assertThat(LoggingProgressListener.format(at(70, true))).startsWith("finished 70.0s:").doesNotContain("ETA");
    assertThat(LoggingProgressListener.duration(Duration.ofSeconds(3725))).isEqualTo("1h 02m");
    assertThat(LoggingProgressListener.duration(Duration.ofSeconds(12))).isEqualTo("12s");
  }

  @Test
  @DisplayName("logs at most once per interval of run time, and always the last snapshot")
  void throttles() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    org.slf4j.Logger logger = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("isInfoEnabled")) return true;
          if (method.getName().equals("info")) lines.add(String.valueOf(args[1]));
          return null;
        });
    LoggingProgressListener listener = new LoggingProgressListener(Duration.ofSeconds(10), logger);
    for (long s = 2; s <= 30; s += 2) listener.onProgress(at(s, false));
    listener.onProgress(at(31, true));
    assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':')))
        .containsExactly("progress 2.0s", "progress 12.0s", "progress 22.0s", "finished 31.0s");
  }
}
