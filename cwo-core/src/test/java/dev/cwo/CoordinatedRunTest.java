package dev.cwo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.spi.WorkCoordinator;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How {@link MultithreadedProcessor} follows a {@link WorkCoordinator} that is not local: it waits
 * for units that come later, and drops a unit whose lease was lost.
 */
class CoordinatedRunTest {
  private final FakeFitmentSource site = new FakeFitmentSource(2, 3, 3, 2, 2);
  private final InMemoryCombinationStore store = new InMemoryCombinationStore();
  private final List<YearMake> units =
      List.of(new YearMake(2020, "Make & 0"), new YearMake(2020, "Make & 1"), new YearMake(2021, "Make & 2"));

  /** Hands units out only from its {@code from}-th claim on, as if they came back from others. */
  private static class Scripted implements WorkCoordinator {
    final ArrayDeque<YearMake> queue = new ArrayDeque<>();
    final AtomicInteger claims = new AtomicInteger();
    final List<YearMake> done = Collections.synchronizedList(new ArrayList<>());
    final List<YearMake> released = Collections.synchronizedList(new ArrayList<>());
    final Set<YearMake> lost = ConcurrentHashMap.newKeySet();
    final int from;

    Scripted(int from) {
      this.from = from;
    }

    @Override
    public synchronized void offer(Collection<YearMake> units) {
      queue.addAll(units);
    }

    @Override
    public synchronized Optional<YearMake> claim() {
      if (claims.incrementAndGet() < from) return Optional.empty();
      return Optional.ofNullable(queue.poll());
    }

    @Override
    public synchronized Optional<Duration> retryClaimAfter() {
      return queue.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(5));
    }

    @Override
    public void done(YearMake unit) {
      done.add(unit);
    }

    @Override
    public void release(YearMake unit, Throwable cause) {
      released.add(unit);
    }

    /** When set, a lost unit is held again right after its loss was seen once (claimed anew). */
    volatile boolean reclaim;

    @Override
    public boolean holds(YearMake unit) {
      if (!lost.contains(unit)) return true;
      if (reclaim) lost.remove(unit);
      return false;
    }
  }

  private MultithreadedProcessor processor(WorkCoordinator coordinator, int workers) {
    return MultithreadedProcessor.builder()
        .source(site)
        .store(store)
        .coordinator(coordinator)
        .workers(workers)
        .writeBatchSize(7)
        .writeMaxDelay(Duration.ofMillis(5))
        .build();
  }

  @Test
  @DisplayName("a claim that lost its lease stays lost: held again later, its skipped steps do not let it report done")
  void lostClaimStaysLost() {
    Scripted coordinator = new Scripted(1);
    coordinator.reclaim = true;
    YearMake victim = units.get(1);
    site.pageFails = key -> {
      if (key.vehicle().year() == victim.year() && key.vehicle().make().equals(victim.make())) {
        coordinator.lost.add(victim);
      }
      return false;
    };

    ProcessResult result = processor(coordinator, 1).process(units);

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(coordinator.done).containsExactlyInAnyOrder(units.get(0), units.get(2));
  }

  @Test
  @DisplayName("with nothing to claim yet, the run waits as retryClaimAfter says and does the units that come later")
  void waitsForUnitsThatComeLater() {
    Scripted coordinator = new Scripted(4);

    ProcessResult result = processor(coordinator, 4).process(units);

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(coordinator.claims.get()).isGreaterThan(4);
    assertThat(coordinator.done).containsExactlyInAnyOrderElementsOf(units);
    List<VehicleKey> stored = new ArrayList<>();
    store.forEachVehicle(v -> stored.add(v.key()));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(site.vehicleKeys(units));
  }

  @Test
  @DisplayName("a unit whose lease is lost mid-way is dropped: its remaining steps are skipped,"
      + " and it is neither done nor released; the other units finish")
  void lostUnitIsDropped() {
    Scripted coordinator = new Scripted(1);
    YearMake victim = units.get(1);
    AtomicInteger victimPages = new AtomicInteger();
    site.pageFails = key -> {
      if (key.vehicle().year() == victim.year() && key.vehicle().make().equals(victim.make())) {
        victimPages.incrementAndGet();
        coordinator.lost.add(victim); // another process took it over after this page
      }
      return false;
    };

    ProcessResult result = processor(coordinator, 1).process(units);

    assertThat(result.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(coordinator.done).containsExactlyInAnyOrder(units.get(0), units.get(2));
    assertThat(coordinator.released).isEmpty();
    long victimTotal = site.vehicleKeys(List.of(victim)).stream().filter(FakeFitmentSource::hasData).count()
        * site.options.size();
    assertThat(victimPages.get()).as("pages of the lost unit fetched").isPositive().isLessThan((int) victimTotal);
  }
}
