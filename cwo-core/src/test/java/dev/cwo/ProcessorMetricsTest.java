package dev.cwo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.spi.ProgressSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {
  private final FakeFitmentSource site = new FakeFitmentSource(2, 3, 3, 2, 2);
  private final InMemoryCombinationStore store = new InMemoryCombinationStore();
  private final RecordingMetricTracker tracker = new RecordingMetricTracker();

  private MultithreadedProcessor processor(List<ProgressSnapshot> snapshots) {
    return MultithreadedProcessor.builder()
        .source(site)
        .store(store)
        .workers(4)
        .metricTracker(tracker)
        .progressListener(snapshots::add)
        .progressInterval(Duration.ofMillis(1))
        .writeMaxDelay(Duration.ofMillis(5))
        .build();
  }

  @Test
  @DisplayName("gauges are registered once per processor and read the latest run's counts")
  void gaugesOncePerProcessor() {
    List<ProgressSnapshot> snapshots = new CopyOnWriteArrayList<>();
    MultithreadedProcessor processor = processor(snapshots);
    long registrations = tracker.events.stream().filter(e -> e.contains(" gauge ")).count();
    assertThat(tracker.gauges).containsKeys(MetricNames.TASKS_QUEUED, MetricNames.WRITER_QUEUE,
        MetricNames.TASKS_ACTIVE, MetricNames.UNITS_ACTIVE, "tree.vehicles.done", "tree.combinations.found");
    assertThat(tracker.gauges.get("tree.vehicles.done").getAsLong()).isZero();

    ProcessResult first = processor.process(List.of(new YearMake(2020, "Make & 0")));
    assertThat(tracker.gauges.get("tree.combinations.done").getAsLong())
        .isEqualTo(first.level(TreeLevel.COMBINATIONS).done()).isPositive();

    ProcessResult second = processor.process(List.of(new YearMake(2020, "Make & 1"), new YearMake(2021, "Make & 2")));
    assertThat(tracker.gauges.get("tree.combinations.done").getAsLong())
        .isEqualTo(second.level(TreeLevel.COMBINATIONS).done())
        .isNotEqualTo(first.level(TreeLevel.COMBINATIONS).done());
    assertThat(tracker.gauges.get(MetricNames.TASKS_QUEUED).getAsLong()).isZero();
    assertThat(tracker.events.stream().filter(e -> e.contains(" gauge ")).count())
        .as("no gauge registered by a run").isEqualTo(registrations);
  }

  @Test
  @DisplayName("store queries, batch sizes and task waits are recorded under the documented names")
  void instrumentation() {
    processor(new CopyOnWriteArrayList<>()).process(List.of(new YearMake(2020, "Make & 0")));
    assertThat(tracker.events).contains("t start " + MetricNames.STORE_COMPLETED_VEHICLES,
        "t start " + MetricNames.STORE_EXISTING_COMBINATIONS, "t start " + MetricNames.STORE_WRITE,
        "t start task.combinations", "t close task.models");
    assertThat(tracker.distributions.get(MetricNames.STORE_WRITE_BATCH_SIZE)).isNotEmpty()
        .allSatisfy(n -> assertThat(n).isPositive());
    long items = tracker.distributions.get(MetricNames.STORE_WRITE_BATCH_SIZE).stream().mapToLong(Long::longValue).sum();
    assertThat(tracker.counter(MetricNames.STORE_WRITE_ITEMS)).isEqualTo(items);
    assertThat(tracker.distributions.get(MetricNames.TASKS_WAIT_MICROS)).isNotEmpty()
        .allSatisfy(n -> assertThat(n).isNotNegative());
  }

  @Test
  @DisplayName("the last snapshot is marked finished, with counts equal to the result's and ETA zero")
  void finalSnapshot() {
    List<ProgressSnapshot> snapshots = new CopyOnWriteArrayList<>();
    ProcessResult result = processor(snapshots).process(List.of(new YearMake(2020, "Make & 0")));
    ProgressSnapshot last = snapshots.get(snapshots.size() - 1);
    assertThat(last.finished()).isTrue();
    assertThat(snapshots.stream().filter(ProgressSnapshot::finished)).hasSize(1);
    assertThat(last.eta()).contains(Duration.ZERO);
    for (TreeLevel level : EtaEstimator.CHAIN) {
      assertThat(last.level(level)).isEqualTo(result.level(level));
    }
  }
}
