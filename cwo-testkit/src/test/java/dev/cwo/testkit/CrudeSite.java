package dev.cwo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.SizeRange;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Crude, regex-based reading of the site's answers, independent of the site's own code. */
final class CrudeSite {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BLOCK =
      Pattern.compile("<div class=\"store-ymm-fitrange( full-size)?\">(.*?)</div>", Pattern.DOTALL);
  private static final Pattern RANGE =
      Pattern.compile("(Diameter|Width|Offset): <b>(.*?)</b>", Pattern.DOTALL);
  private static final Pattern BP =
      Pattern.compile("<div class=\"store-bp\"(?: data-bp=\"([^\"]*)\")?>Bolt Pattern: ([^<]*)</div>");
  private static final Pattern BP_TEXT = Pattern.compile("(\\S+)mm \\((\\S+)\"\\)");

  private CrudeSite() {}

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A list answer, or a bare string as a one-element list; distinct, in order. */
  static List<String> names(JsonNode n) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    } else {
      out.add(n.asText());
    }
    return new ArrayList<>(out);
  }

  /** The protocol's mapping of a vehicle record to {@link Vehicle}. */
  static Vehicle vehicle(VehicleKey key, String body) {
    JsonNode o = json(body);
    String chassis = text(o, "drchassisid");
    String type = o.get("vehicleType") != null && o.get("vehicleType").isArray()
        ? (o.get("vehicleType").size() == 0 ? null : blank(o.get("vehicleType").get(0).asText()))
        : text(o, "vehicleType");
    String bp = text(o, "boltpattern");
    if (chassis == null && type == null && bp == null) {
      return Vehicle.noData(key, body.trim());
    }
    String inches = text(o, "boltpatternInches");
    String stag = text(o, "staggered");
    return new Vehicle(key, VehicleStatus.OK, chassis, type, text(o, "bodyType"),
        inches != null ? inches : bp, text(o, "boltpatternMm"), text(o, "hub"), text(o, "lugType"),
        text(o, "lugSize"), text(o, "stockTireSize"),
        "Yes".equals(stag) ? Boolean.TRUE : "No".equals(stag) ? Boolean.FALSE : null, body.trim());
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : blank(n.asText());
  }

  private static String blank(String s) {
    return s.isEmpty() ? null : s;
  }

  /** True when a page holds no fit range (the generic page). */
  static boolean generic(String html) {
    return !html.contains("store-ymm-fitrange");
  }

  /** Parses a fitment page; null for the generic page. */
  static Fitment fitment(CombinationKey key, String html) {
    List<AxleFit> blocks = new ArrayList<>();
    AxleFit front = null;
    AxleFit rear = null;
    Matcher m = BLOCK.matcher(html);
    while (m.find()) {
      String inner = m.group(2);
      AxleFit fit = axle(inner);
      if (inner.contains("<nobr>Rear</nobr>") || inner.contains("Rear Sizes:")) {
        rear = fit;
      } else if (inner.contains("<nobr>Front</nobr>") || inner.contains("Front Sizes:")) {
        front = fit;
      }
      blocks.add(fit);
    }
    if (blocks.isEmpty()) {
      return null;
    }
    boolean staggered = blocks.size() == 2;
    if (!staggered) {
      front = rear = blocks.get(0);
    } else if (front == null && rear == null) {
      front = blocks.get(0);
      rear = blocks.get(1);
    }
    String inch = null;
    String mm = null;
    Matcher b = BP.matcher(html);
    if (b.find()) {
      if (b.group(1) != null) {
        for (String form : b.group(1).split(",\\s*")) {
          double pitch = Double.parseDouble(form.substring(form.indexOf('x') + 1));
          if (pitch >= 90) {
            mm = form;
          } else {
            inch = form;
          }
        }
      } else {
        Matcher t = BP_TEXT.matcher(b.group(2));
        if (t.find()) {
          mm = t.group(1);
          inch = t.group(2);
        }
      }
    }
    return new Fitment(key, front, rear, staggered, inch, mm);
  }

  private static AxleFit axle(String inner) {
    SizeRange d = null;
    SizeRange w = null;
    SizeRange o = null;
    Matcher r = RANGE.matcher(inner);
    while (r.find()) {
      String text = r.group(2).replace("&amp;", "&").trim();
      String[] parts = text.split(" to ", -1);
      BigDecimal min = number(parts[0]);
      BigDecimal max = number(parts[1]);
      SizeRange range = min == null && max == null ? null : new SizeRange(text, min, max);
      switch (r.group(1)) {
        case "Diameter" -> d = range;
        case "Width" -> w = range;
        default -> o = range;
      }
    }
    return new AxleFit(d, w, o);
  }

  private static BigDecimal number(String s) {
    String n = s.replace("\"", "").replace("mm", "").trim();
    return n.isEmpty() ? null : new BigDecimal(n);
  }
}
