package dev.cwo.db;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer process of {@link BatchAtomicityUnderKillTest}: writes numbered batches to the store
 * in a loop, each a marker vehicle plus {@link #VEHICLES} vehicles with {@link #OPTIONS}
 * combinations each, printing {@code begin N} before a write and {@code stored N} after it, until
 * it is killed. It starts after the highest batch already stored.
 *
 * <p>Arguments: JDBC URL, then the PostgreSQL schema or {@code -}.
 */
public final class BatchKillWorker {
  static final int VEHICLES = 40;
  static final int OPTIONS = 25;

  private BatchKillWorker() {}

  /** The marker vehicle of batch {@code b}: stored in the same batch as its combinations. */
  static VehicleKey marker(int b) {
    return new VehicleKey(1900, "Batch", "Marker", String.valueOf(b), "-");
  }

  static VehicleKey vehicle(int b, int i) {
    return new VehicleKey(2000 + i % 25, "Batch " + b, "Model " + i, "Base", "AWD");
  }

  static WriteBatch batch(int b) {
    List<Vehicle> vs = new ArrayList<>();
    List<Fitment> fs = new ArrayList<>();
    vs.add(Vehicle.noData(marker(b), "{\"batch\":" + b + "}"));
    for (int i = 0; i < VEHICLES; i++) {
      VehicleKey k = vehicle(b, i);
      vs.add(new Vehicle(k, VehicleStatus.OK, "c" + i, "Car", "Sedan", "5x4.5", "5x114.3", "64.1", "nut",
          "12x1.5", "225/45R18", false, "{\"batch\":" + b + ",\"i\":" + i + "}"));
      for (int o = 0; o < OPTIONS; o++) {
        AxleFit axle = new AxleFit(
            new SizeRange("18\" to 20\"", new BigDecimal("18"), new BigDecimal("20")),
            new SizeRange("7.5\" to 9\"", new BigDecimal("7.5"), new BigDecimal("9")),
            new SizeRange(o + "mm to 45mm", BigDecimal.valueOf(o), new BigDecimal("45")));
        fs.add(new Fitment(new CombinationKey(k, new FitmentOption("Susp " + o, "Mod", "Rub")), axle, axle,
            false, "5x4.5", "5x114.3"));
      }
    }
    return new WriteBatch(vs, fs, List.of(marker(b)), List.of(), List.of());
  }

  public static void main(String[] args) {
    JooqCombinationStore.Builder b = JooqCombinationStore.builder().jdbcUrl(args[0]).maximumPoolSize(2);
    if (!"-".equals(args[1])) b.username(PostgresCombinationStoreTest.USER).schema(args[1]);
    try (JooqCombinationStore store = b.build()) {
      int next = 0;
      while (!store.existingVehicles(List.of(marker(next))).isEmpty()) next++;
      for (int n = next; ; n++) {
        System.out.println("begin " + n);
        System.out.flush();
        store.write(batch(n));
        System.out.println("stored " + n);
        System.out.flush();
      }
    }
  }
}
