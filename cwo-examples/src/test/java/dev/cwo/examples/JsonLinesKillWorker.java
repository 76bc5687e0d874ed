package dev.cwo.examples;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer process of {@link JsonLinesCombinationStoreTest}'s kill test: writes numbered batches
 * (a marker vehicle, {@link #VEHICLES} vehicles, {@link #OPTIONS} combinations each, the marker's
 * completion mark) into a JSON Lines store in a loop, printing {@code stored N} after each, until
 * killed. It starts after the highest batch already stored. Argument: the store's directory.
 */
public final class JsonLinesKillWorker {
  static final int VEHICLES = 30;
  static final int OPTIONS = 20;

  private JsonLinesKillWorker() {}

  static VehicleKey marker(int b) {
    return new VehicleKey(1900, "Batch", "Marker", String.valueOf(b), "-");
  }

  static WriteBatch batch(int b) {
    List<Vehicle> vs = new ArrayList<>(List.of(Vehicle.noData(marker(b), "{\"batch\":" + b + "}")));
    List<Fitment> fs = new ArrayList<>();
    for (int i = 0; i < VEHICLES; i++) {
      VehicleKey k = new VehicleKey(2000 + i % 25, "Batch " + b, "Model \"" + i + "\"\n", "Base", "AWD");
      vs.add(Vehicle.noData(k, "{\"i\":" + i + "}"));
      for (int o = 0; o < OPTIONS; o++) {
        AxleFit axle = new AxleFit(new SizeRange("18\" to 20\"", new BigDecimal("18"), new BigDecimal("20")), null,
            new SizeRange(o + "mm to 45mm", BigDecimal.valueOf(o), new BigDecimal("45")));
        fs.add(new Fitment(new CombinationKey(k, new FitmentOption("Susp " + o, "Mod", "Rub")), axle, axle, false,
            "5x4.5", "5x114.3"));
      }
    }
    return new WriteBatch(vs, fs, List.of(marker(b)), List.of(), List.of());
  }

  public static void main(String[] args) {
    try (JsonLinesCombinationStore store = JsonLinesCombinationStore.open(Path.of(args[0]))) {
      int next = 0;
      while (!store.existingVehicles(List.of(marker(next))).isEmpty()) next++;
      for (int n = next; ; n++) {
        store.write(batch(n));
        System.out.println("stored " + n);
        System.out.flush();
      }
    }
  }
}
