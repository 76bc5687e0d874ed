package dev.cwo;

import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.StoreInfo;
import dev.cwo.spi.WriteBatch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** A store that forwards every call to another; tests override what they need to break. */
class ForwardingStore implements CombinationStore {
  final CombinationStore delegate;

  ForwardingStore(CombinationStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Set<VehicleKey> existingVehicles(Collection<VehicleKey> keys) {
    return delegate.existingVehicles(keys);
  }

  @Override
  public Map<VehicleKey, Vehicle> findVehicles(Collection<VehicleKey> keys) {
    return delegate.findVehicles(keys);
  }

  @Override
  public Set<VehicleKey> completedVehicles(Collection<VehicleKey> keys) {
    return delegate.completedVehicles(keys);
  }

  @Override
  public Set<CombinationKey> existingCombinations(Collection<CombinationKey> keys) {
    return delegate.existingCombinations(keys);
  }

  @Override
  public void write(WriteBatch batch) {
    delegate.write(batch);
  }

  @Override
  public Optional<List<String>> cachedLevel(TreeLevel level, List<String> path) {
    return delegate.cachedLevel(level, path);
  }

  @Override
  public List<FailureRecord> failures() {
    return delegate.failures();
  }

  @Override
  public void forEachVehicle(Consumer<? super Vehicle> action) {
    delegate.forEachVehicle(action);
  }

  @Override
  public void forEachFitment(Consumer<? super Fitment> action) {
    delegate.forEachFitment(action);
  }

  @Override
  public long vehicleCount() {
    return delegate.vehicleCount();
  }

  @Override
  public long fitmentCount() {
    return delegate.fitmentCount();
  }

  @Override
  public StoreInfo info() {
    return delegate.info();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
