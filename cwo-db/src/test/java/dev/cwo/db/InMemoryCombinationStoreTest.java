package dev.cwo.db;

import dev.cwo.InMemoryCombinationStore;
import dev.cwo.spi.CombinationStore;
import dev.cwo.testkit.contract.CombinationStoreContract;

/** Holds cwo-core's in-memory store to the store contract. */
class InMemoryCombinationStoreTest extends CombinationStoreContract {

  @Override
  protected CombinationStore createStore() {
    return new InMemoryCombinationStore();
  }
}
