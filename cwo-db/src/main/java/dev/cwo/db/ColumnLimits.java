package dev.cwo.db;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.StoreException;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.spi.WriteBatch;
import java.math.BigDecimal;

/**
 * What the schema's columns can hold, checked before a batch reaches the database, so a value that
 * does not fit is refused with a message naming the item, the column and the limit, on SQLite as on
 * PostgreSQL (SQLite would store it silently; PostgreSQL would refuse it, or round it, with a
 * message that names neither).
 *
 * <p>The limits: range bounds are {@code NUMERIC(10,3)} — at most 7 digits before the point and 3
 * after; texts hold no NUL character (U+0000), which PostgreSQL's {@code text} cannot store (tree
 * levels and failure paths are stored as JSON, which escapes it; failure messages have it replaced).
 * Stateless and thread-safe.
 */
final class ColumnLimits {
  static final int INTEGER_DIGITS = 7;
  static final int FRACTION_DIGITS = 3;

  private ColumnLimits() {}

  /**
   * @throws StoreException naming the first value that does not fit, and where it would go
   */
  static void check(WriteBatch batch, String store) {
    for (Vehicle v : batch.vehicles()) {
      String what = "vehicle " + v.key();
      key(v.key(), what, store);
      text(v.chassisId(), "chassis_id", what, store);
      text(v.vehicleType(), "vehicle_type", what, store);
      text(v.bodyType(), "body_type", what, store);
      text(v.boltPatternInch(), "bolt_pattern_inch", what, store);
      text(v.boltPatternMm(), "bolt_pattern_mm", what, store);
      text(v.hubBoreMm(), "hub_bore_mm", what, store);
      text(v.lugType(), "lug_type", what, store);
      text(v.lugSize(), "lug_size", what, store);
      text(v.stockTireSize(), "stock_tire_size", what, store);
      text(v.rawJson(), "raw_json", what, store);
    }
    for (Fitment f : batch.fitments()) {
      String what = "combination " + f.key();
      key(f.key().vehicle(), what, store);
      text(f.key().option().suspension(), "suspension", what, store);
      text(f.key().option().modification(), "modification", what, store);
      text(f.key().option().rubbing(), "rubbing", what, store);
      text(f.boltPatternInch(), "bolt_pattern_inch", what, store);
      text(f.boltPatternMm(), "bolt_pattern_mm", what, store);
      range(f.front().diameter(), "front_diameter", what, store);
      range(f.front().width(), "front_width", what, store);
      range(f.front().offset(), "front_offset", what, store);
      range(f.rear().diameter(), "rear_diameter", what, store);
      range(f.rear().width(), "rear_width", what, store);
      range(f.rear().offset(), "rear_offset", what, store);
    }
    for (VehicleKey k : batch.completedVehicles()) key(k, "completion mark of " + k, store);
  }

  /** False for a key that {@link #check} would refuse: it cannot be stored, so lookups skip it. */
  static boolean storable(VehicleKey k) {
    return noNul(k.make()) && noNul(k.model()) && noNul(k.trim()) && noNul(k.drive());
  }

  static boolean storable(CombinationKey k) {
    FitmentOption o = k.option();
    return storable(k.vehicle()) && noNul(o.suspension()) && noNul(o.modification()) && noNul(o.rubbing());
  }

  private static boolean noNul(String s) {
    return s.indexOf('\u0000') < 0;
  }

  private static void key(VehicleKey k, String what, String store) {
    text(k.make(), "make", what, store);
    text(k.model(), "model", what, store);
    text(k.trim(), "trim", what, store);
    text(k.drive(), "drive", what, store);
  }

  private static void text(String value, String column, String what, String store) {
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw refused(what, column + " holds a NUL character (U+0000), which a text column cannot store", store);
    }
  }

  private static void range(SizeRange r, String column, String what, String store) {
    if (r == null) return;
    text(r.text(), column + "_text", what, store);
    number(r.min(), column + "_min", what, store);
    number(r.max(), column + "_max", what, store);
  }

  private static void number(BigDecimal n, String column, String what, String store) {
    if (n == null) return;
    BigDecimal plain = n.stripTrailingZeros();
    int fraction = Math.max(0, plain.scale());
    int integer = Math.max(0, plain.precision() - plain.scale());
    if (integer > INTEGER_DIGITS || fraction > FRACTION_DIGITS) {
      throw refused(what, column + " = " + n.toPlainString() + " does not fit NUMERIC(10,3) (at most "
          + INTEGER_DIGITS + " digits before the point and " + FRACTION_DIGITS + " after)", store);
    }
  }

  private static StoreException refused(String what, String why, String store) {
    return new StoreException("cannot store " + what + " in " + store + ": " + why
        + "; nothing of the batch was stored");
  }
}
