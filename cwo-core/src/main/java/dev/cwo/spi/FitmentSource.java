package dev.cwo.spi;

import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import java.util.List;

/**
 * The site, as a tree: years → makes → models → trims → drives → vehicle record → session with
 * option lists → fitment pages.
 *
 * <p>Every list comes back without repeats, in the site's order; an empty level is an empty list.
 * Every method may throw a {@link dev.cwo.FetchException}: retryable ones have already been retried
 * as the implementation's policy allows. Implementations are thread-safe. The default is cwo-net's
 * {@code CwoFitmentSource}.
 */
public interface FitmentSource {

  List<Integer> years();

  List<String> makes(int year);

  List<String> models(int year, String make);

  List<String> trims(int year, String make, String model);

  List<String> drives(int year, String make, String model, String trim);

  /**
   * The vehicle's record; a record without data is a {@link Vehicle} with status
   * {@link dev.cwo.VehicleStatus#NO_DATA}, not an error.
   */
  Vehicle vehicle(VehicleKey key);

  /**
   * Opens a session for a vehicle that has data, ready to serve its option lists and fitment pages.
   *
   * @throws IllegalArgumentException if the vehicle has no data
   */
  FitmentSession openSession(Vehicle vehicle);
}
