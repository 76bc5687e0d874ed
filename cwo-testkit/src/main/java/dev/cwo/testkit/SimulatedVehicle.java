package dev.cwo.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One generated vehicle: the record body the site serves, the {@link Vehicle} a perfect scraper
 * stores for it (built from the same values), and the per-vehicle page style of its fitment pages.
 *
 * <p>Immutable and thread-safe.
 */
final class SimulatedVehicle {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Fitment page range layouts, one per vehicle. */
  enum Layout {
    SQUARE,
    MODERN_FRONT_FIRST,
    MODERN_REAR_FIRST,
    OLDER,
    NO_HEADER
  }

  /** How the bolt pattern appears on the fitment pages of a vehicle. */
  enum BoltStyle {
    DATA_INCH_FIRST,
    DATA_MM_FIRST,
    TEXT_ONLY,
    NONE
  }

  private static final String[][] BOLT_PATTERNS = {
    {"5x4.5", "5x114.3"}, {"5x4.72", "5x120"}, {"6x5.5", "6x139.7"}, {"5x4.75", "5x120.65"},
    {"8x6.5", "8x165.1"}, {"4x3.94", "4x100"}, {"5x5.04", "5x128"}, {"5x4.25", "5x108"},
    {"6x4.53", "6x115"}
  };
  private static final String[] BODY_TYPES = {
    "Sedan", "Sport Utility", "Crew Cab Pickup", "Coupe", "Hatchback", "Convertible", "Wagon"
  };

  final VehicleKey key;
  final String json;
  final Vehicle truth;
  final SimulatedVehicleType type;
  final String chassis;
  final Layout layout;
  final BoltStyle boltStyle;
  final String boltInch;
  final String boltMm;
  final long fitmentSeed;

  private SimulatedVehicle(
      VehicleKey key,
      String json,
      Vehicle truth,
      SimulatedVehicleType type,
      String chassis,
      Layout layout,
      BoltStyle boltStyle,
      String boltInch,
      String boltMm,
      long fitmentSeed) {
    this.key = key;
    this.json = json;
    this.truth = truth;
    this.type = type;
    this.chassis = chassis;
    this.layout = layout;
    this.boltStyle = boltStyle;
    this.boltInch = boltInch;
    this.boltMm = boltMm;
    this.fitmentSeed = fitmentSeed;
  }

  boolean hasData() {
    return truth.hasData();
  }

  /** A "no data" vehicle: the record lacks (or blanks) chassis id, vehicle type and bolt pattern. */
  static SimulatedVehicle noData(VehicleKey key, SplittableRandom r) {
    ObjectNode o = JSON.createObjectNode();
    boolean blanks = r.nextBoolean();
    if (blanks) {
      o.put("drchassisid", "");
    }
    echo(o, key);
    if (blanks) {
      o.put("vehicleType", "");
      o.put("boltpattern", "");
      o.put("hub", "");
    }
    o.putArray("engine");
    String body = write(o);
    return new SimulatedVehicle(
        key, body, Vehicle.noData(key, body), null, null, null, null, null, null, 0L);
  }

  /** A vehicle with data, of the given type, with the given chassis id. */
  static SimulatedVehicle withData(
      VehicleKey key, SimulatedVehicleType type, int chassisId, long fitmentSeed, SplittableRandom r) {
    String chassis = Integer.toString(chassisId);
    String[] bp = BOLT_PATTERNS[r.nextInt(BOLT_PATTERNS.length)];
    String bodyType = r.nextInt(20) == 0 ? "" : BODY_TYPES[r.nextInt(BODY_TYPES.length)];
    boolean inchesBlank = r.nextInt(10) == 0; // then boltPatternInch comes from "boltpattern"
    boolean mmBlank = r.nextInt(20) == 0;
    String hub = String.format(Locale.ROOT, "%.2f", 54 + r.nextInt(80) / 2.0);
    String lugType = r.nextInt(15) == 0 ? "" : (r.nextBoolean() ? "nut" : "bolt");
    String lugSize = new String[] {"12x1.5", "12x1.25", "14x1.5", "M14x2.0", "1/2\"-20"}[r.nextInt(5)];
    int dia = 15 + r.nextInt(8);
    int tireW = 195 + 10 * r.nextInt(10);
    String tire = tireW + "/" + (35 + 5 * r.nextInt(6)) + "R" + dia;
    String staggered = new String[] {"Yes", "No", "No", "No", ""}[r.nextInt(5)];
    boolean rear = "Yes".equals(staggered);
    int variant = r.nextInt(100);

    ObjectNode o = JSON.createObjectNode();
    o.put("drchassisid", chassis);
    echo(o, key);
    if (variant < 3) {
      o.put("make", key.make().toUpperCase(Locale.ROOT)); // an echo that differs from the key
    }
    if (variant >= 3 && variant < 13) {
      o.putArray("vehicleType").add(type.name()); // list form: the first element counts
    } else {
      o.put("vehicleType", type.name());
    }
    o.put("bodyType", bodyType);
    o.put("drmodelid", Integer.toString(200000 + (chassisId * 7) % 99991));
    o.put("boltpattern", bp[0]);
    o.put("boltpatternMm", mmBlank ? "" : bp[1]);
    o.put("boltpatternInches", inchesBlank ? "" : bp[0]);
    o.put("hub", hub);
    o.put("lugType", lugType);
    o.put("lugSize", lugSize);
    o.put("stockWheelDiameter", Integer.toString(dia));
    o.put("stockWheelWidth", Integer.toString(6 + r.nextInt(4)));
    o.put("stockOffset", Integer.toString(20 + r.nextInt(30)));
    o.put("stockTireSize", tire);
    o.put("factoryStaggered", rear ? "Yes" : "No");
    o.put("staggered", staggered);
    o.put("stockWheelDiameterRear", rear ? Integer.toString(dia) : "");
    o.put("stockWheelWidthRear", rear ? Integer.toString(8 + r.nextInt(3)) : "");
    o.put("stockOffsetRear", rear ? Integer.toString(30 + r.nextInt(20)) : "");
    o.put("stockTireSizeRear", rear ? (tireW + 30) + "/35R" + dia : "");
    o.put("wheelDiameterMin", Integer.toString(dia - 1));
    o.put("wheelDiameterMax", Integer.toString(dia + 3));
    o.put("wheelWidthMin", Integer.toString(6));
    o.put("wheelWidthMax", Integer.toString(9 + r.nextInt(3)));
    o.put("tireWidthMin", Integer.toString(tireW - 10));
    o.put("tireWidthMax", Integer.toString(tireW + 30));
    o.put("tireDiameterMin", String.format(Locale.ROOT, "%.2f", 25 + r.nextInt(300) / 100.0));
    o.put("tireDiameterMax", String.format(Locale.ROOT, "%.2f", 28 + r.nextInt(300) / 100.0));
    o.putArray("wheelDiameterMinList").add(dia - 1);
    ArrayNode maxList = o.putArray("wheelDiameterMaxList");
    maxList.add(dia + 3);
    maxList.add(Integer.toString(dia + 2));
    o.putArray("tireWidthMinList").add(Integer.toString(tireW - 10));
    ArrayNode engine = o.putArray("engine");
    engine.add(String.format(Locale.ROOT, "%.1fL L%d GAS", 1.0 + r.nextInt(50) / 10.0, 4 + 2 * r.nextInt(3)));
    o.put("fuelType", r.nextInt(8) == 0 ? "electric" : "gas");
    if (variant >= 80) { // fields nobody knows yet
      o.put("galleryCount", Integer.toString(r.nextInt(40)));
      ObjectNode extra = o.putObject("fitmentNotes2027");
      extra.putArray("codes").add(1).add("A%B");
      extra.put("note", "Hub-centric rings \"required\" & advised");
    }
    String body = write(o);

    Vehicle truth =
        new Vehicle(
            key,
            VehicleStatus.OK,
            chassis,
            type.name(),
            nullIfEmpty(bodyType),
            bp[0], // boltpatternInches, else boltpattern: both hold the inch form
            mmBlank ? null : bp[1],
            hub,
            nullIfEmpty(lugType),
            lugSize,
            tire,
            staggered.equals("Yes") ? Boolean.TRUE : staggered.equals("No") ? Boolean.FALSE : null,
            body);

    int l = r.nextInt(100);
    Layout layout =
        l < 50 ? Layout.SQUARE
            : l < 65 ? Layout.MODERN_FRONT_FIRST
            : l < 75 ? Layout.MODERN_REAR_FIRST
            : l < 90 ? Layout.OLDER
            : Layout.NO_HEADER;
    int b = r.nextInt(100);
    BoltStyle style =
        b < 40 ? BoltStyle.DATA_INCH_FIRST
            : b < 75 ? BoltStyle.DATA_MM_FIRST
            : b < 95 ? BoltStyle.TEXT_ONLY
            : BoltStyle.NONE;
    return new SimulatedVehicle(key, body, truth, type, chassis, layout, style, bp[0], bp[1], fitmentSeed);
  }

  private static void echo(ObjectNode o, VehicleKey key) {
    o.put("year", Integer.toString(key.year()));
    o.put("make", key.make());
    o.put("model", key.model());
    o.put("trim", key.trim());
    o.put("drive", key.drive());
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static String jsonList(List<String> values) {
    return write(values);
  }
}
