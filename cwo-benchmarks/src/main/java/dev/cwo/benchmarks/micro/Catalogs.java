package dev.cwo.benchmarks.micro;

import dev.cwo.testkit.SimulatedCatalog;

/** The simulated catalogs a benchmark's {@code catalog} parameter names; stateless. */
final class Catalogs {
  private Catalogs() {}

  /** {@code small}, {@code medium} or {@code large}, seed 1 (see {@link SimulatedCatalog}). */
  static SimulatedCatalog named(String name) {
    switch (name) {
      case "small":
        return SimulatedCatalog.small(1);
      case "medium":
        return SimulatedCatalog.medium(1);
      case "large":
        return SimulatedCatalog.large(1);
      default:
        throw new IllegalArgumentException(
            "catalog must be small, medium or large, was '" + name + "'");
    }
  }
}
