package dev.cwo.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.AxleFit;
import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object per record, for {@link JsonLinesCombinationStore}: the field names are the
 * export's column names; numbers of a range are kept as strings so their scale survives
 * ({@code 8.50} stays {@code 8.50}). Stateless and thread-safe.
 */
final class JsonLinesCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLinesCodec() {}

  static String line(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n"; // Jackson escapes \n inside strings: one line
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON object", e);
    }
  }

  static JsonNode parse(String line) throws JsonProcessingException {
    return JSON.readTree(line);
  }

  static ObjectNode vehicle(Vehicle v) {
    ObjectNode n = key(v.key());
    n.put("status", v.status() == VehicleStatus.OK ? "ok" : "no_data");
    n.put("chassis_id", v.chassisId());
    n.put("vehicle_type", v.vehicleType());
    n.put("body_type", v.bodyType());
    n.put("bolt_pattern_inch", v.boltPatternInch());
    n.put("bolt_pattern_mm", v.boltPatternMm());
    n.put("hub_bore_mm", v.hubBoreMm());
    n.put("lug_type", v.lugType());
    n.put("lug_size", v.lugSize());
    n.put("stock_tire_size", v.stockTireSize());
    n.put("staggered", v.staggered());
    n.put("raw_json", v.rawJson());
    return n;
  }

  static Vehicle vehicle(JsonNode n) {
    VehicleKey key = vehicleKey(n);
    if ("no_data".equals(text(n, "status"))) return Vehicle.noData(key, text(n, "raw_json"));
    JsonNode staggered = n.get("staggered");
    return new Vehicle(key, VehicleStatus.OK, text(n, "chassis_id"), text(n, "vehicle_type"),
        text(n, "body_type"), text(n, "bolt_pattern_inch"), text(n, "bolt_pattern_mm"),
        text(n, "hub_bore_mm"), text(n, "lug_type"), text(n, "lug_size"), text(n, "stock_tire_size"),
        staggered == null || staggered.isNull() ? null : staggered.booleanValue(), text(n, "raw_json"));
  }

  static ObjectNode fitment(Fitment f) {
    ObjectNode n = key(f.key().vehicle());
    n.put("suspension", f.key().option().suspension());
    n.put("modification", f.key().option().modification());
    n.put("rubbing", f.key().option().rubbing());
    n.put("staggered", f.staggered());
    n.put("bolt_pattern_inch", f.boltPatternInch());
    n.put("bolt_pattern_mm", f.boltPatternMm());
    n.set("front", axle(f.front()));
    n.set("rear", axle(f.rear()));
    return n;
  }

  static Fitment fitment(JsonNode n) {
    CombinationKey key = new CombinationKey(vehicleKey(n),
        new FitmentOption(text(n, "suspension"), text(n, "modification"), text(n, "rubbing")));
    return new Fitment(key, axle(n.get("front")), axle(n.get("rear")), n.get("staggered").booleanValue(),
        text(n, "bolt_pattern_inch"), text(n, "bolt_pattern_mm"));
  }

  static ObjectNode level(CachedLevel l) {
    ObjectNode n = JSON.createObjectNode();
    n.put("level", l.level().name());
    n.set("path", strings(l.path()));
    n.set("children", strings(l.children()));
    return n;
  }

  static CachedLevel level(JsonNode n) {
    return new CachedLevel(TreeLevel.valueOf(text(n, "level")), strings(n.get("path")), strings(n.get("children")));
  }

  static ObjectNode failure(FailureRecord f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("level", f.level().name());
    n.set("path", strings(f.path()));
    n.put("error_class", f.errorClass());
    n.put("message", f.message());
    n.put("attempts", f.attempts());
    n.put("first_seen", f.firstSeen().toString());
    n.put("last_seen", f.lastSeen().toString());
    return n;
  }

  static FailureRecord failure(JsonNode n) {
    return new FailureRecord(TreeLevel.valueOf(text(n, "level")), strings(n.get("path")),
        text(n, "error_class"), text(n, "message"), n.get("attempts").intValue(),
        Instant.parse(text(n, "first_seen")), Instant.parse(text(n, "last_seen")));
  }

  static ObjectNode key(VehicleKey k) {
    ObjectNode n = JSON.createObjectNode();
    n.put("year", k.year());
    n.put("make", k.make());
    n.put("model", k.model());
    n.put("trim", k.trim());
    n.put("drive", k.drive());
    return n;
  }

  static VehicleKey vehicleKey(JsonNode n) {
    return new VehicleKey(n.get("year").intValue(), text(n, "make"), text(n, "model"), text(n, "trim"), text(n, "drive"));
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static ObjectNode axle(AxleFit a) {
    ObjectNode n = JSON.createObjectNode();
    n.set("diameter", range(a.diameter()));
    n.set("width", range(a.width()));
    n.set("offset", range(a.offset()));
    return n;
  }

  private static AxleFit axle(JsonNode n) {
    return new AxleFit(range(n.get("diameter")), range(n.get("width")), range(n.get("offset")));
  }

  private static JsonNode range(SizeRange r) {
    if (r == null) return JSON.nullNode();
    ObjectNode n = JSON.createObjectNode();
    n.put("text", r.text());
    n.put("min", r.min() == null ? null : r.min().toString());
    n.put("max", r.max() == null ? null : r.max().toString());
    return n;
  }

  private static SizeRange range(JsonNode n) {
    if (n == null || n.isNull()) return null;
    return new SizeRange(text(n, "text"), decimal(n, "min"), decimal(n, "max"));
  }

  private static BigDecimal decimal(JsonNode n, String field) {
    String s = text(n, field);
    return s == null ? null : new BigDecimal(s);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>(n.size());
    n.forEach(e -> out.add(e.textValue()));
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.textValue();
  }
}
