package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.TreeLevel;
import dev.cwo.spi.LevelCounts;
import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressBarListenerTest {

  /** Keeps every rendered bar. */
  private static final class Lines implements ProgressBarConsumer {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public int getMaxRenderedLength() {
      return 200;
    }

    @Override
    public void accept(String rendered) {
      lines.add(rendered);
    }

    @Override
    public void close() {}
  }

  private static Map<TreeLevel, LevelCounts> counts(long combosDone) {
    return Map.of(
        TreeLevel.MODELS, new LevelCounts(1, 0, 1, 0),
        TreeLevel.TRIMS, new LevelCounts(1, 0, 1, 0),
        TreeLevel.DRIVES, new LevelCounts(1, 0, 1, 0),
        TreeLevel.VEHICLES, new LevelCounts(2, 0, 2, 0),
        TreeLevel.SESSIONS, new LevelCounts(2, 0, 2, 0),
        TreeLevel.COMBINATIONS, new LevelCounts(20, 0, combosDone, 0));
  }

  @Test
  @DisplayName("the bar shows fetched out of the expected total, per-level counts, the rate and cwo's ETA")
  void rendersCountsRateAndEta() {
    Lines consumer = new Lines();
    ProgressBarListener bar = new ProgressBarListener(consumer, 1);
    bar.onProgress(new ProgressSnapshot(counts(5), Duration.ofSeconds(10), 1.5,
        Optional.of(Duration.ofSeconds(10)), false));
    bar.close();
    String last = consumer.lines.get(consumer.lines.size() - 1);
    // fetched 1+1+1+2+2+5 = 12, 15 pages left: 27 in all
    assertThat(last).contains("12/27").contains("vehicles 2/2, combinations 5/20, 0 failed, 1.5 req/s")
        .contains("0:00:10"); // the ETA handed in, in progressbar's h:mm:ss
  }

  @Test
  @DisplayName("the last snapshot fills the bar")
  void finishedFills() {
    Lines consumer = new Lines();
    try (ProgressBarListener bar = new ProgressBarListener(consumer, 1)) {
      bar.onProgress(new ProgressSnapshot(counts(20), Duration.ofSeconds(20), 1.0, Optional.of(Duration.ZERO), true));
    }
    assertThat(consumer.lines.get(consumer.lines.size() - 1)).contains("100%").contains("27/27");
  }
}
