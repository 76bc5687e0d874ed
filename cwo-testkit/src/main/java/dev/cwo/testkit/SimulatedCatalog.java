package dev.cwo.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.VehicleKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic, generated vehicle catalog for {@link SimulatedCwoSite}: the same knobs and seed
 * always give the same catalog, byte for byte.
 *
 * <p>Knobs (all counts are per parent; defaults are the {@link #small(long)} preset):
 *
 * <ul>
 *   <li>{@code seed} — drives every random choice (default 1);
 *   <li>{@code newestYear} (2026) and {@code years} (4): the years served, newest first, but the
 *       years list is served in a shuffled order;
 *   <li>{@code makesPerYear} (4), {@code modelsPerMake} (3), {@code trimsPerModel} (3), {@code
 *       drivesPerTrim} (2): distinct names per level (a model sometimes has a single trim);
 *   <li>{@code noDataRate} (0.05): share of vehicles answering the "no data" record.
 * </ul>
 *
 * <p>Quirks always present: awkward names (spaces, {@code & / + ' " % # ? . ( -}, non-ASCII such as
 * {@code Citroën}, {@code Škoda}); lists that repeat a name; empty levels (a make without models, a
 * model without trims, a trim without drives; the first year always holds one of each); scalars
 * instead of lists in model info; records with unknown extra fields, list-valued {@code
 * vehicleType}, blank fields and an echo that differs from the key; three vehicle types with 18,
 * 24 and 12 combinations; every fitment page layout, empty and one-bound ranges, negative offsets,
 * {@code data-bp} in both orders, missing, or no bolt pattern at all.
 *
 * <p>Sizes: {@link #small(long)} ≈ 250 vehicles, {@link #medium(long)} ≈ 1,650 vehicles and 28,000
 * fitment pages, {@link #large(long)} ≈ 20,000 vehicles. Vehicle records are held in memory;
 * fitment pages are computed on demand from a hash, never stored.
 *
 * <p>Immutable and thread-safe. Usage:
 *
 * <pre>{@code
 * SimulatedCatalog catalog = SimulatedCatalog.builder().seed(7).years(2).makesPerYear(3).build();
 * GroundTruth truth = catalog.groundTruth();
 * }</pre>
 */
public final class SimulatedCatalog {
  static final List<String> MAKES =
      List.of("Acura", "Citroën", "Rolls & Royce", "Škoda", "Mercedes-Benz", "A/B Motors",
          "C+ Cars", "100% Electric", "#1 Trucks", "O'Neil", "Dot.Works", "Why? Motors",
          "Ford (EU)", "Alfa Romeo", "Zoë & Co", "Toyota", "Honda", "BMW", "Land Rover", "Kia",
          "Mazda", "Tesla", "Subaru", "Lotus", "Porsche", "Hyundai", "Volvo", "Jeep", "Ram", "GMC");
  static final List<String> MODELS =
      List.of("A/B Test", "C+ Pro", "Model \"S\"", "100%", "#1", "O'Neil", "ADX", "What?",
          "Q.E.D.", "1500 (DT)", "Half-Ton", "Série 3", "Crème Brûlée", "F-150", "Integra",
          "Civic", "Mustang", "Sierra 2500HD", "Model 3", "Ioniq 5", "Outback", "911", "X5 M",
          "Range Rover Sport");
  static final List<String> TRIMS =
      List.of("Base", "Sport", "A-Spec", "Limited / Platinum", "Touring & Tech", "S+", "Élan",
          "Type #R", "50% Edition", "Pro (4x4)", "O'Reilly", "Night \"Edition\"", "Why? Not",
          "LX.", "Ultimate", "Base Plus", "EX-L", "Trail Boss");
  static final List<String> DRIVES =
      List.of("AWD", "FWD", "RWD", "4WD", "2WD", "4x4 / AWD", "AWD+");

  record YearNode(int year, String makesJson, Map<String, MakeNode> makes) {}

  record MakeNode(String name, String modelsJson, Map<String, ModelNode> models) {}

  record ModelNode(
      String name, SimulatedVehicleType type, String infoJson, Map<String, TrimNode> trims) {}

  record TrimNode(String name, String drivesJson, Map<String, SimulatedVehicle> vehicles) {}

  private final Builder knobs;
  private final String yearsJson;
  private final Map<Integer, YearNode> years;
  private final int vehicleCount;
  private final GroundTruth groundTruth;

  private SimulatedCatalog(Builder b) {
    this.knobs = b.copy();
    SplittableRandom r = new SplittableRandom(b.seed);
    Map<Integer, YearNode> ys = new LinkedHashMap<>();
    List<String> servedYears = new ArrayList<>();
    int chassis = 90000;
    int vehicles = 0;
    int modelCursor = 0;
    int trimCursor = 0;
    for (int yi = 0; yi < b.years; yi++) {
      int year = b.newestYear - yi;
      servedYears.add(Integer.toString(year));
      List<String> makeNames = names(MAKES, 3 * yi, b.makesPerYear);
      Map<String, MakeNode> makes = new LinkedHashMap<>();
      for (int mi = 0; mi < makeNames.size(); mi++) {
        String make = makeNames.get(mi);
        boolean emptyMake =
            (yi == 0 && mi == makeNames.size() - 1 && makeNames.size() > 1) || r.nextInt(40) == 0;
        List<String> modelNames = emptyMake ? List.of() : names(MODELS, modelCursor, b.modelsPerMake);
        modelCursor += modelNames.size();
        Map<String, ModelNode> models = new LinkedHashMap<>();
        for (int moi = 0; moi < modelNames.size(); moi++) {
          String model = modelNames.get(moi);
          SimulatedVehicleType type = pickType(r);
          boolean emptyModel = (yi == 0 && mi == 0 && moi == 1) || r.nextInt(40) == 0;
          int trimCount = emptyModel ? 0 : r.nextInt(10) == 0 ? 1 : b.trimsPerModel;
          List<String> trimNames = names(TRIMS, trimCursor, trimCount);
          trimCursor += trimNames.size();
          Map<String, TrimNode> trims = new LinkedHashMap<>();
          for (int ti = 0; ti < trimNames.size(); ti++) {
            String trim = trimNames.get(ti);
            boolean emptyTrim = (yi == 0 && mi == 0 && moi == 0 && ti == 1) || r.nextInt(40) == 0;
            List<String> driveNames =
                emptyTrim ? List.of() : names(DRIVES, r.nextInt(DRIVES.size()), b.drivesPerTrim);
            Map<String, SimulatedVehicle> byDrive = new LinkedHashMap<>();
            for (String drive : driveNames) {
              VehicleKey key = new VehicleKey(year, make, model, trim, drive);
              boolean noData =
                  (yi == 0 && byDrive.isEmpty() && trims.isEmpty() && models.size() == 2)
                      || r.nextDouble() < b.noDataRate;
              byDrive.put(
                  drive,
                  noData
                      ? SimulatedVehicle.noData(key, r)
                      : SimulatedVehicle.withData(
                          key, type, chassis++, Mix.mix(b.seed, chassis), r));
              vehicles++;
            }
            trims.put(trim, new TrimNode(trim, SimulatedVehicle.jsonList(repeat(driveNames, r, 6)), byDrive));
          }
          models.put(model, new ModelNode(model, type, infoJson(type, trims, r), trims));
        }
        makes.put(make, new MakeNode(make, SimulatedVehicle.jsonList(repeat(modelNames, r, 5)), models));
      }
      List<String> served = repeat(makeNames, r, yi == 0 ? 1 : 3);
      ys.put(year, new YearNode(year, SimulatedVehicle.jsonList(served), makes));
    }
    Collections.shuffle(servedYears, new java.util.Random(b.seed));
    if (servedYears.size() > 1 && servedYears.get(0).equals(Integer.toString(b.newestYear))) {
      Collections.swap(servedYears, 0, servedYears.size() - 1); // never newest-first by accident
    }
    this.yearsJson = SimulatedVehicle.jsonList(servedYears);
    this.years = Collections.unmodifiableMap(ys);
    this.vehicleCount = vehicles;
    this.groundTruth = new GroundTruth(this);
  }

  /** Starts a builder with the {@link #small(long)} knobs and seed 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** A few hundred vehicles (≈250): 4 years × 4 makes × 3 models × 3 trims × 2 drives. */
  public static SimulatedCatalog small(long seed) {
    return builder().seed(seed).build();
  }

  /** ≈1,650 vehicles, ≈28,000 fitment pages: 5 years × 10 makes × 5 models × 4 trims × 2 drives. */
  public static SimulatedCatalog medium(long seed) {
    return builder().seed(seed).years(5).makesPerYear(10).modelsPerMake(5).trimsPerModel(4).build();
  }

  /** ≈20,000 vehicles: 12 years × 15 makes × 8 models × 4 trims × 4 drives (fitments on the fly). */
  public static SimulatedCatalog large(long seed) {
    return builder().seed(seed).years(12).makesPerYear(15).modelsPerMake(8).trimsPerModel(4)
        .drivesPerTrim(4).build();
  }

  /** The seed this catalog was generated from. */
  public long seed() {
    return knobs.seed;
  }

  /** How many distinct vehicles (with and without data) the catalog holds. */
  public int vehicleCount() {
    return vehicleCount;
  }

  /** What a perfect scraper stores for this catalog; built from the same objects the site serves. */
  public GroundTruth groundTruth() {
    return groundTruth;
  }

  String yearsJson() {
    return yearsJson;
  }

  Map<Integer, YearNode> years() {
    return years;
  }

  private static SimulatedVehicleType pickType(SplittableRandom r) {
    int t = r.nextInt(100);
    return SimulatedVehicleType.STANDARD.get(t < 45 ? 0 : t < 75 ? 1 : 2);
  }

  /** {@code n} distinct names from a pool, starting at a rotating cursor; suffixed past the pool. */
  private static List<String> names(List<String> pool, int cursor, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String base = pool.get(Math.floorMod(cursor + i, pool.size()));
      out.add(i < pool.size() ? base : base + " " + (i / pool.size() + 1));
    }
    return out;
  }

  /** The served list: the distinct names, with one of them repeated about once in {@code oneIn}. */
  private static List<String> repeat(List<String> names, SplittableRandom r, int oneIn) {
    if (names.isEmpty() || r.nextInt(oneIn) != 0) {
      return names;
    }
    List<String> out = new ArrayList<>(names);
    out.add(r.nextInt(out.size() + 1), names.get(r.nextInt(names.size())));
    return out;
  }

  private static String infoJson(
      SimulatedVehicleType type, Map<String, TrimNode> trims, SplittableRandom r) {
    Set<String> drives = new LinkedHashSet<>();
    trims.values().forEach(t -> drives.addAll(t.vehicles().keySet()));
    ObjectNode o = SimulatedVehicle.JSON.createObjectNode();
    listOrScalar(o, "vehicleType", List.of(type.name()), r.nextInt(3) == 0);
    listOrScalar(o, "drive", new ArrayList<>(drives), r.nextBoolean());
    listOrScalar(o, "trim", repeat(new ArrayList<>(trims.keySet()), r, 10), r.nextBoolean());
    return SimulatedVehicle.write(o);
  }

  private static void listOrScalar(ObjectNode o, String field, List<String> values, boolean scalar) {
    if (scalar && values.size() == 1) {
      o.put(field, values.get(0));
    } else {
      ArrayNode a = o.putArray(field);
      values.forEach(a::add);
    }
  }

  /**
   * Collects the catalog knobs; {@link #build()} checks them all at once.
   *
   * <p>Not thread-safe; the catalog it builds is.
   */
  public static final class Builder {
    private long seed = 1;
    private int newestYear = 2026;
    private int years = 4;
    private int makesPerYear = 4;
    private int modelsPerMake = 3;
    private int trimsPerModel = 3;
    private int drivesPerTrim = 2;
    private double noDataRate = 0.05;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder newestYear(int newestYear) {
      this.newestYear = newestYear;
      return this;
    }

    public Builder years(int years) {
      this.years = years;
      return this;
    }

    public Builder makesPerYear(int makesPerYear) {
      this.makesPerYear = makesPerYear;
      return this;
    }

    public Builder modelsPerMake(int modelsPerMake) {
      this.modelsPerMake = modelsPerMake;
      return this;
    }

    public Builder trimsPerModel(int trimsPerModel) {
      this.trimsPerModel = trimsPerModel;
      return this;
    }

    public Builder drivesPerTrim(int drivesPerTrim) {
      this.drivesPerTrim = drivesPerTrim;
      return this;
    }

    public Builder noDataRate(double noDataRate) {
      this.noDataRate = noDataRate;
      return this;
    }

    /** Generates the catalog; throws {@link InvalidConfigurationException} naming each bad knob. */
    public SimulatedCatalog build() {
      List<String> problems = new ArrayList<>();
      range(problems, "newestYear", newestYear, 1900, 2100);
      range(problems, "years", years, 1, 100);
      range(problems, "makesPerYear", makesPerYear, 1, 500);
      range(problems, "modelsPerMake", modelsPerMake, 1, 500);
      range(problems, "trimsPerModel", trimsPerModel, 1, 100);
      range(problems, "drivesPerTrim", drivesPerTrim, 1, 20);
      if (!(noDataRate >= 0 && noDataRate <= 1)) {
        problems.add("noDataRate must be in [0, 1], was " + noDataRate);
      }
      long estimate = (long) years * makesPerYear * modelsPerMake * trimsPerModel * drivesPerTrim;
      if (problems.isEmpty() && estimate > 200_000) {
        problems.add("years × makesPerYear × modelsPerMake × trimsPerModel × drivesPerTrim must be"
            + " at most 200000, was " + estimate);
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("SimulatedCatalog", problems);
      }
      return new SimulatedCatalog(this);
    }

    private static void range(List<String> problems, String name, int v, int min, int max) {
      if (v < min || v > max) {
        problems.add(name + " must be in [" + min + ", " + max + "], was " + v);
      }
    }

    private Builder copy() {
      Builder b = new Builder();
      b.seed = seed;
      b.newestYear = newestYear;
      b.years = years;
      b.makesPerYear = makesPerYear;
      b.modelsPerMake = modelsPerMake;
      b.trimsPerModel = trimsPerModel;
      b.drivesPerTrim = drivesPerTrim;
      b.noDataRate = noDataRate;
      return b;
    }
  }
}
