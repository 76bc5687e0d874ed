package dev.cwo.db;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The schema's tables and columns, as jOOQ names (the schema itself comes from the migrations). */
final class Tables {
  private Tables() {}

  static final Table<?> VEHICLE = table(name("vehicle"));
  static final Table<?> COMBINATION = table(name("combination"));
  static final Table<?> TREE_LEVEL = table(name("tree_level"));
  static final Table<?> FAILURE = table(name("failure"));

  static final Field<Integer> YEAR = field(name("year"), SQLDataType.INTEGER);
  static final Field<String> MAKE = text("make");
  static final Field<String> MODEL = text("model");
  static final Field<String> TRIM = text("trim");
  static final Field<String> DRIVE = text("drive");
  static final Field<String> SUSPENSION = text("suspension");
  static final Field<String> MODIFICATION = text("modification");
  static final Field<String> RUBBING = text("rubbing");

  static final List<Field<?>> VEHICLE_KEY = List.of(YEAR, MAKE, MODEL, TRIM, DRIVE);
  static final List<Field<?>> COMBINATION_KEY =
      List.of(YEAR, MAKE, MODEL, TRIM, DRIVE, SUSPENSION, MODIFICATION, RUBBING);

  static final Field<String> STATUS = text("status");
  static final Field<String> CHASSIS_ID = text("chassis_id");
  static final Field<String> VEHICLE_TYPE = text("vehicle_type");
  static final Field<String> BODY_TYPE = text("body_type");
  static final Field<String> BOLT_PATTERN_INCH = text("bolt_pattern_inch");
  static final Field<String> BOLT_PATTERN_MM = text("bolt_pattern_mm");
  static final Field<String> HUB_BORE_MM = text("hub_bore_mm");
  static final Field<String> LUG_TYPE = text("lug_type");
  static final Field<String> LUG_SIZE = text("lug_size");
  static final Field<String> STOCK_TIRE_SIZE = text("stock_tire_size");
  static final Field<Boolean> STAGGERED = field(name("staggered"), SQLDataType.BOOLEAN);
  static final Field<String> RAW_JSON = text("raw_json");
  static final Field<Boolean> COMPLETE = field(name("complete"), SQLDataType.BOOLEAN);
  static final Field<Long> FETCHED_AT = field(name("fetched_at"), SQLDataType.BIGINT);

  /** The three columns of one range: text, min, max. */
  record RangeColumns(Field<String> text, Field<BigDecimal> min, Field<BigDecimal> max) {
    static RangeColumns of(String prefix) {
      return new RangeColumns(
          Tables.text(prefix + "_text"),
          field(name(prefix + "_min"), SQLDataType.NUMERIC),
          field(name(prefix + "_max"), SQLDataType.NUMERIC));
    }
  }

  static final RangeColumns FRONT_DIAMETER = RangeColumns.of("front_diameter");
  static final RangeColumns FRONT_WIDTH = RangeColumns.of("front_width");
  static final RangeColumns FRONT_OFFSET = RangeColumns.of("front_offset");
  static final RangeColumns REAR_DIAMETER = RangeColumns.of("rear_diameter");
  static final RangeColumns REAR_WIDTH = RangeColumns.of("rear_width");
  static final RangeColumns REAR_OFFSET = RangeColumns.of("rear_offset");

  static final Field<String> LEVEL = text("level");
  static final Field<String> PATH = text("path");
  static final Field<String> CHILDREN = text("children");

  static final Field<String> ERROR_CLASS = text("error_class");
  static final Field<String> MESSAGE = text("message");
  static final Field<Integer> ATTEMPTS = field(name("attempts"), SQLDataType.INTEGER);
  static final Field<Long> FIRST_SEEN = field(name("first_seen"), SQLDataType.BIGINT);
  static final Field<Long> LAST_SEEN = field(name("last_seen"), SQLDataType.BIGINT);

  private static Field<String> text(String column) {
    return field(name(column), SQLDataType.VARCHAR);
  }
}
