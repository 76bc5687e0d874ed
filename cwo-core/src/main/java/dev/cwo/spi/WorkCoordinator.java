package dev.cwo.spi;

import dev.cwo.YearMake;
import dev.cwo.internal.LocalWorkCoordinator;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides which {@link YearMake} units this process works on. Locally that is all of them; across
 * processes a shared database hands out leases (see {@code PostgresLeaseCoordinator} in cwo-db).
 *
 * <p>The processor's protocol: {@link #offer} the units of a run (units already known are kept
 * as they are), then {@link #claim} units while it has room, and for each claimed unit either
 * {@link #done} (only once every result of it is stored) or {@link #release}. Before each step of a
 * unit it asks {@link #holds}: a unit whose lease was lost is dropped at once (another process
 * finishes it). When {@link #claim} is empty it asks {@link #retryClaimAfter}: empty means no unit
 * will come to this process any more.
 *
 * <p>Implementations are thread-safe.
 */
public interface WorkCoordinator {

  /** Makes {@code units} known; units already known are not added again. */
  void offer(Collection<YearMake> units);

  /** The next unit for this process, or empty when none is available to it now. */
  Optional<YearMake> claim();

  /** Marks a claimed unit finished: every result of it is stored. */
  void done(YearMake unit);

  /** Gives a claimed unit back unfinished (the run stopped, or the unit failed). */
  void release(YearMake unit, Throwable cause);

  /**
   * Whether this process still holds a unit it claimed. False once its lease was lost (it expired,
   * for example because this process stalled, and another process may have taken the unit): stop
   * working on it, and neither {@link #done} nor {@link #release} it. Cheap: no I/O. Default true.
   */
  default boolean holds(YearMake unit) {
    return true;
  }

  /**
   * After {@link #claim} came back empty: how long to wait before asking again, because units this
   * process did not get may still come to it (for example units leased by other processes, whose
   * leases may expire); or empty when nothing more will come. Default empty, as for {@link
   * #local()}.
   */
  default Optional<Duration> retryClaimAfter() {
    return Optional.empty();
  }

  /** A coordinator that hands every offered unit to this process, once, in offer order. */
  static WorkCoordinator local() {
    return new LocalWorkCoordinator();
  }
}
