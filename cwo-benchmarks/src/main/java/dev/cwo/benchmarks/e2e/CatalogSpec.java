package dev.cwo.benchmarks.e2e;

import dev.cwo.testkit.SimulatedCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Which simulated catalog a scenario scrapes: a preset ({@code small}, {@code medium}, {@code
 * large}) or custom knobs, with a seed. The site process and the runner build the same catalog from
 * it (catalogs are deterministic), so the runner knows the ground truth without asking the site.
 *
 * <p>Immutable and thread-safe.
 *
 * @param preset {@code small}, {@code medium}, {@code large} or {@code custom}
 * @param seed catalog seed
 * @param years custom knob (ignored for presets)
 * @param makesPerYear custom knob
 * @param modelsPerMake custom knob
 * @param trimsPerModel custom knob
 * @param drivesPerTrim custom knob
 */
record CatalogSpec(
    String preset,
    long seed,
    int years,
    int makesPerYear,
    int modelsPerMake,
    int trimsPerModel,
    int drivesPerTrim) {

  static CatalogSpec preset(String name, long seed) {
    return new CatalogSpec(name, seed, 0, 0, 0, 0, 0);
  }

  static CatalogSpec custom(long seed, int years, int makes, int models, int trims, int drives) {
    return new CatalogSpec("custom", seed, years, makes, models, trims, drives);
  }

  /** The catalog itself, built in this process. */
  SimulatedCatalog build() {
    return switch (preset) {
      case "small" -> SimulatedCatalog.small(seed);
      case "medium" -> SimulatedCatalog.medium(seed);
      case "large" -> SimulatedCatalog.large(seed);
      case "custom" -> SimulatedCatalog.builder().seed(seed).years(years).makesPerYear(makesPerYear)
          .modelsPerMake(modelsPerMake).trimsPerModel(trimsPerModel).drivesPerTrim(drivesPerTrim)
          .build();
      default -> throw new IllegalArgumentException("unknown catalog preset " + preset);
    };
  }

  /** The {@code SimulatedCwoSiteMain} options that serve this catalog. */
  List<String> siteArgs() {
    List<String> a = new ArrayList<>(List.of("--catalog", preset, "--seed", Long.toString(seed)));
    if (preset.equals("custom")) {
      a.addAll(List.of("--years", Integer.toString(years), "--makes-per-year",
          Integer.toString(makesPerYear), "--models-per-make", Integer.toString(modelsPerMake),
          "--trims-per-model", Integer.toString(trimsPerModel), "--drives-per-trim",
          Integer.toString(drivesPerTrim)));
    }
    return a;
  }

  @Override
  public String toString() {
    return preset.equals("custom")
        ? "custom(seed " + seed + ": " + years + " years × " + makesPerYear + " makes × "
            + modelsPerMake + " models × " + trimsPerModel + " trims × " + drivesPerTrim
            + " drives)"
        : preset + "(seed " + seed + ")";
  }
}
