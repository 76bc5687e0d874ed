package dev.cwo;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.StoreInfo;
import dev.cwo.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link CombinationStore} that keeps everything in the JVM's memory: for tests, demos and runs
 * whose result the caller consumes directly.
 *
 * <p>Thread-safe. A {@link #write} validates the whole batch and then applies it under a write
 * lock, so lookups never see half a batch. Streaming ({@link #forEachVehicle}, {@link
 * #forEachFitment}) iterates sorted concurrent maps without holding the lock, so the action may
 * call back into the store; it sees a weakly consistent view of writes made meanwhile.
 *
 * <p>Rules beyond {@link CombinationStore}'s, shared with the SQL store: a fitment whose vehicle is
 * neither stored nor in the same batch is rejected, as is a completion mark for such a vehicle;
 * re-storing a vehicle keeps its completion mark; within a batch, failures are recorded before the
 * stored items clear theirs.
 *
 * <pre>{@code
 * try (CombinationStore store = new InMemoryCombinationStore()) {
 *   store.write(WriteBatch.ofVehicles(List.of(vehicle)));
 *   Set<VehicleKey> known = store.existingVehicles(List.of(vehicle.key()));
 * }
 * }</pre>
 */
public final class InMemoryCombinationStore implements CombinationStore {

  private static final Comparator<FailureRecord> OLDEST_FIRST =
      Comparator.comparing(FailureRecord::firstSeen)
          .thenComparing(f -> f.level().name())
          .thenComparing(f -> String.join("\u0000", f.path()));

  private final ConcurrentSkipListMap<VehicleKey, Vehicle> vehicles = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<CombinationKey, Fitment> fitments =
      new ConcurrentSkipListMap<>();
  private final Set<VehicleKey> completed = new HashSet<>();
  private final Map<LevelPath, List<String>> levels = new HashMap<>();
  private final Map<LevelPath, FailureRecord> failures = new LinkedHashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /** An empty store. */
  public InMemoryCombinationStore() {}

  @Override
  public Set<VehicleKey> existingVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(() -> {
      Set<VehicleKey> found = new HashSet<>();
      for (VehicleKey k : keys) {
        if (vehicles.containsKey(k)) found.add(k);
      }
      return found;
    });
  }

  @Override
  public Map<VehicleKey, Vehicle> findVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(() -> {
      Map<VehicleKey, Vehicle> found = new HashMap<>();
      for (VehicleKey k : keys) {
        Vehicle v = vehicles.get(k);
        if (v != null) found.put(k, v);
      }
      return found;
    });
  }

  @Override
  public Set<VehicleKey> completedVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(() -> {
      Set<VehicleKey> found = new HashSet<>();
      for (VehicleKey k : keys) {
        if (completed.contains(k)) found.add(k);
      }
      return found;
    });
  }

  @Override
  public Set<CombinationKey> existingCombinations(Collection<CombinationKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(() -> {
      Set<CombinationKey> found = new HashSet<>();
      for (CombinationKey k : keys) {
        if (fitments.containsKey(k)) found.add(k);
      }
      return found;
    });
  }

  @Override
  public void write(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    lock.writeLock().lock();
    try {
      ensureOpen();
      validate(batch);
      for (FailureRecord f : batch.failures()) {
        failures.merge(new LevelPath(f.level(), f.path()), f, InMemoryCombinationStore::merge);
      }
      for (Vehicle v : batch.vehicles()) {
        vehicles.put(v.key(), v);
        List<String> path = FailureRecord.pathOf(v.key());
        failures.remove(new LevelPath(TreeLevel.VEHICLES, path));
        failures.remove(new LevelPath(TreeLevel.SESSIONS, path));
      }
      for (Fitment f : batch.fitments()) {
        fitments.put(f.key(), f);
        failures.remove(new LevelPath(TreeLevel.COMBINATIONS, FailureRecord.pathOf(f.key())));
      }
      completed.addAll(batch.completedVehicles());
      for (CachedLevel l : batch.levels()) {
        LevelPath lp = new LevelPath(l.level(), l.path());
        levels.put(lp, l.children());
        failures.remove(lp);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void validate(WriteBatch batch) {
    Set<VehicleKey> inBatch = new HashSet<>();
    for (Vehicle v : batch.vehicles()) inBatch.add(v.key());
    for (Fitment f : batch.fitments()) {
      VehicleKey v = f.key().vehicle();
      if (!inBatch.contains(v) && !vehicles.containsKey(v)) {
        throw new StoreException(
            "in-memory store: fitment " + f.key() + " refers to vehicle " + v
                + ", which is neither stored nor in the batch; nothing of the batch was stored");
      }
    }
    for (VehicleKey v : batch.completedVehicles()) {
      if (!inBatch.contains(v) && !vehicles.containsKey(v)) {
        throw new StoreException(
            "in-memory store: cannot mark vehicle " + v
                + " complete: it is neither stored nor in the batch; nothing of the batch was stored");
      }
    }
  }

  private static FailureRecord merge(FailureRecord old, FailureRecord neu) {
    return new FailureRecord(
        old.level(), old.path(), neu.errorClass(), neu.message(), old.attempts() + neu.attempts(),
        old.firstSeen(), neu.lastSeen());
  }

  @Override
  public Optional<List<String>> cachedLevel(TreeLevel level, List<String> path) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(path, "path");
    LevelPath key = new LevelPath(level, List.copyOf(path));
    return read(() -> Optional.ofNullable(levels.get(key)));
  }

  @Override
  public List<FailureRecord> failures() {
    return read(() -> {
      List<FailureRecord> all = new ArrayList<>(failures.values());
      all.sort(OLDEST_FIRST);
      return all;
    });
  }

  @Override
  public void forEachVehicle(Consumer<? super Vehicle> action) {
    Objects.requireNonNull(action, "action");
    ensureOpen();
    vehicles.values().forEach(action);
  }

  @Override
  public void forEachFitment(Consumer<? super Fitment> action) {
    Objects.requireNonNull(action, "action");
    ensureOpen();
    fitments.values().forEach(action);
  }

  @Override
  public long vehicleCount() {
    return read(vehicles::size);
  }

  @Override
  public long fitmentCount() {
    return read(fitments::size);
  }

  @Override
  public StoreInfo info() {
    ensureOpen();
    return new StoreInfo("in-memory store", 1, 0, 0, 0);
  }

  /** Marks the store closed; every later call throws {@link StoreException}. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("in-memory store: used after close(); create a new store");
    }
  }

  private record LevelPath(TreeLevel level, List<String> path) {}
}
