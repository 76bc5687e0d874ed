package dev.cwo.internal;

import dev.cwo.YearMake;
import dev.cwo.spi.WorkCoordinator;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The coordinator behind {@link WorkCoordinator#local()}. Thread-safe (synchronized). */
public final class LocalWorkCoordinator implements WorkCoordinator {
  private final ArrayDeque<YearMake> pending = new ArrayDeque<>();
  private final Set<YearMake> known = new HashSet<>();

  @Override
  public synchronized void offer(Collection<YearMake> units) {
    for (YearMake u : units) {
      if (known.add(u)) pending.add(u);
    }
  }

  @Override
  public synchronized Optional<YearMake> claim() {
    return Optional.ofNullable(pending.poll());
  }

  @Override
  public void done(YearMake unit) {}

  @Override
  public void release(YearMake unit, Throwable cause) {}
}
