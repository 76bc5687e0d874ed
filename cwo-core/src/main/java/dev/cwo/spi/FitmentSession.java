package dev.cwo.spi;

import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.Vehicle;
import java.util.List;

/**
 * The site's session for one chosen vehicle: its option lists and its fitment pages.
 *
 * <p>Thread-safe: several fitment pages of the vehicle may be asked for at once. A session that the
 * site lets expire is renewed inside {@link #fitment}. Close it when the vehicle is done.
 */
public interface FitmentSession extends AutoCloseable {

  /** The vehicle this session is for. */
  Vehicle vehicle();

  /**
   * Every combination of the vehicle's option lists (suspension × modification × rubbing), without
   * repeats, in the site's order.
   */
  List<FitmentOption> options();

  /**
   * The fitment page for one option of this vehicle.
   *
   * @throws dev.cwo.FetchException when the page could not be had
   */
  Fitment fitment(FitmentOption option);

  @Override
  void close();
}
