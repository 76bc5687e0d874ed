package dev.cwo.net.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cwo.MalformedResponseException;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the API host's JSON answers: name lists, years, the model info and the vehicle record, as
 * {@code docs/site-protocol.md} pins them. Lists come back without repeats, in the site's order.
 *
 * <p>Holds one {@link ObjectReader}; thread-safe.
 */
public final class SiteJson {
  private final ObjectReader reader =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A JSON array of names, de-duplicated. */
  public List<String> names(FetchResponse response, String what) {
    return names(array(response, what), response, what);
  }

  /** The years list: strings (or numbers) that must each be an integer. */
  public List<Integer> years(FetchResponse response) {
    Set<Integer> years = new LinkedHashSet<>();
    for (String s : names(response, "a JSON array of years")) {
      try {
        years.add(Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        throw malformed(response, "a JSON array of years", "\"" + s + "\" is not a year", e);
      }
    }
    return List.copyOf(years);
  }

  /** A field of the model info that may be a list or a bare string; missing is empty. */
  public List<String> scalarOrList(FetchResponse response, String field) {
    String what = "a model info object with \"" + field + "\"";
    JsonNode root = tree(response, what);
    if (!root.isObject()) {
      throw malformed(response, what, "the answer is not a JSON object", null);
    }
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isArray()) {
      return names(value, response, what);
    }
    if (value.isValueNode()) {
      String s = value.asText();
      return s.isEmpty() ? List.of() : List.of(s);
    }
    throw malformed(response, what, "\"" + field + "\" is neither a string nor a list", null);
  }

  /** The vehicle record mapped to a {@link Vehicle}, or a no-data vehicle. */
  public Vehicle vehicle(VehicleKey key, FetchResponse response) {
    String what = "a vehicle record (JSON object)";
    JsonNode root = tree(response, what);
    if (!root.isObject()) {
      throw malformed(response, what, "the answer is not a JSON object", null);
    }
    String raw = response.bodyText().trim();
    String chassis = text(root, "drchassisid");
    String vehicleType = text(root, "vehicleType");
    String boltPattern = text(root, "boltpattern");
    if (chassis == null && vehicleType == null && boltPattern == null) {
      return Vehicle.noData(key, raw);
    }
    if (chassis == null || vehicleType == null) {
      throw malformed(response, what,
          "the record has data but lacks " + (chassis == null ? "drchassisid" : "vehicleType"),
          null);
    }
    String inch = text(root, "boltpatternInches");
    String staggered = text(root, "staggered");
    return new Vehicle(
        key,
        VehicleStatus.OK,
        chassis,
        vehicleType,
        text(root, "bodyType"),
        inch != null ? inch : boltPattern,
        text(root, "boltpatternMm"),
        text(root, "hub"),
        text(root, "lugType"),
        text(root, "lugSize"),
        text(root, "stockTireSize"),
        "Yes".equals(staggered) ? Boolean.TRUE : "No".equals(staggered) ? Boolean.FALSE : null,
        raw);
  }

  /** A scalar field as text ({@code ""} → null); a list gives its first element. */
  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v != null && v.isArray()) {
      v = v.isEmpty() ? null : v.get(0);
    }
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  private JsonNode array(FetchResponse response, String what) {
    JsonNode root = tree(response, what);
    if (!root.isArray()) {
      throw malformed(response, what, "the answer is not a JSON array", null);
    }
    return root;
  }

  private static List<String> names(JsonNode array, FetchResponse response, String what) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : array) {
      if (!n.isTextual() && !n.isNumber()) {
        throw malformed(response, what, "an element is " + n.getNodeType() + ", not a string",
            null);
      }
      names.add(n.asText());
    }
    return new ArrayList<>(names);
  }

  private JsonNode tree(FetchResponse response, String what) {
    if (response.body().length == 0) {
      throw malformed(response, what, "the body is empty", null);
    }
    try {
      JsonNode root = reader.readTree(response.body());
      if (root == null || root.isMissingNode()) {
        throw malformed(response, what, "the body holds no JSON value", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed(response, what, "unparseable JSON (" + e.getOriginalMessage() + ")", e);
    } catch (java.io.IOException e) {
      throw malformed(response, what, "unreadable JSON (" + e.getMessage() + ")", e);
    }
  }

  private static MalformedResponseException malformed(
      FetchResponse response, String what, String reason, Throwable cause) {
    return MalformedResponseException.of(
        response.uri(), response.status(), what, reason, response.bodyText(), cause);
  }
}
