package dev.cwo.spi;

import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where scraped vehicles and combinations are kept: set-based existence checks, idempotent batch
 * writes, a streaming read-back, the cached tree levels and the failure journal.
 *
 * <p>Rules every implementation honours (checked by cwo-testkit's {@code CombinationStoreContract}):
 *
 * <ul>
 *   <li>Thread-safe: many workers call it at once.
 *   <li>Existence checks take a batch of keys and cost one query per chunk, never one per key.
 *   <li>{@link #write} is atomic and idempotent: a batch lands whole or not at all, and writing the
 *       same item twice stores it once (the later value wins).
 *   <li>Storing a vehicle, a fitment or a level clears any failure recorded for the same item.
 *   <li>Reading back streams: it does not hold the whole table in memory.
 *   <li>Failures are {@link dev.cwo.StoreException}s that say what and where.
 * </ul>
 */
public interface CombinationStore extends AutoCloseable {

  /** The keys among {@code keys} whose vehicle record is stored. */
  Set<VehicleKey> existingVehicles(Collection<VehicleKey> keys);

  /** The stored records of those of {@code keys} that are stored. */
  Map<VehicleKey, Vehicle> findVehicles(Collection<VehicleKey> keys);

  /** The keys among {@code keys} marked complete (every combination stored). */
  Set<VehicleKey> completedVehicles(Collection<VehicleKey> keys);

  /** The keys among {@code keys} whose combination is stored. */
  Set<CombinationKey> existingCombinations(Collection<CombinationKey> keys);

  /** Stores a batch in one transaction; see {@link WriteBatch}. */
  void write(WriteBatch batch);

  /** The children stored for a tree request, if it was stored. */
  Optional<List<String>> cachedLevel(TreeLevel level, List<String> path);

  /** The failure journal, oldest first. */
  List<FailureRecord> failures();

  /** Streams every stored vehicle, in key order. */
  void forEachVehicle(Consumer<? super Vehicle> action);

  /** Streams every stored fitment, in key order. */
  void forEachFitment(Consumer<? super Fitment> action);

  long vehicleCount();

  long fitmentCount();

  /** The connection pool's state. */
  StoreInfo info();

  /** Releases what the store created (its pool); a store handed a pool leaves it open. */
  @Override
  void close();

  /** Convenience: the stored children of a level as a {@link CachedLevel}. */
  default Optional<CachedLevel> cached(TreeLevel level, List<String> path) {
    return cachedLevel(level, path).map(children -> new CachedLevel(level, path, children));
  }
}
