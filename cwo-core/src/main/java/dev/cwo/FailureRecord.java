package dev.cwo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the failure journal: an item that could not be scraped, and why.
 *
 * <p>The item is identified by its {@code level} and {@code path} (see {@link TreeLevel}), so it
 * can be retried later. Storing a result for the same item clears its entry. Immutable and
 * thread-safe.
 *
 * @param level the level of the tree the item is on
 * @param path the item's names from the year down
 * @param errorClass the simple name of the exception's class
 * @param message what went wrong
 * @param attempts how many times it was tried (across runs, once stored)
 * @param firstSeen when it first failed
 * @param lastSeen when it last failed
 */
public record FailureRecord(
    TreeLevel level,
    List<String> path,
    String errorClass,
    String message,
    int attempts,
    Instant firstSeen,
    Instant lastSeen) {

  public FailureRecord {
    Objects.requireNonNull(level, "level");
    path = List.copyOf(path);
    Objects.requireNonNull(errorClass, "errorClass");
    message = message == null ? "" : message;
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (path.size() != level.pathLength()) {
      throw new IllegalArgumentException(
          "a " + level + " failure needs a path of " + level.pathLength() + " names, got " + path);
    }
  }

  /** A first failure of {@code error} for an item, seen at {@code now}. */
  public static FailureRecord of(TreeLevel level, List<String> path, Throwable error, int attempts, Instant now) {
    return new FailureRecord(
        level, path, error.getClass().getSimpleName(), String.valueOf(error.getMessage()), attempts, now, now);
  }

  /** The path of a vehicle, for {@link TreeLevel#VEHICLES} and {@link TreeLevel#SESSIONS}. */
  public static List<String> pathOf(VehicleKey k) {
    return List.of(String.valueOf(k.year()), k.make(), k.model(), k.trim(), k.drive());
  }

  /** The path of a combination, for {@link TreeLevel#COMBINATIONS}. */
  public static List<String> pathOf(CombinationKey k) {
    VehicleKey v = k.vehicle();
    FitmentOption o = k.option();
    return List.of(
        String.valueOf(v.year()), v.make(), v.model(), v.trim(), v.drive(),
        o.suspension(), o.modification(), o.rubbing());
  }
}
