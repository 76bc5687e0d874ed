package dev.cwo.spi;

import dev.cwo.YearMake;
import dev.cwo.internal.LocalWorkCoordinator;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides which {@link YearMake} units this process works on. Locally that is all of them; across
 * processes a shared database hands out leases.
 *
 * <p>Implementations are thread-safe.
 */
public interface WorkCoordinator {

  /** Makes {@code units} known; units already known are not added again. */
  void offer(Collection<YearMake> units);

  /** The next unit for this process, or empty when none is left for it. */
  Optional<YearMake> claim();

  /** Marks a claimed unit finished: every result of it is stored. */
  void done(YearMake unit);

  /** Gives a claimed unit back unfinished (the run stopped, or the unit failed). */
  void release(YearMake unit, Throwable cause);

  /** A coordinator that hands every offered unit to this process, once, in offer order. */
  static WorkCoordinator local() {
    return new LocalWorkCoordinator();
  }
}
