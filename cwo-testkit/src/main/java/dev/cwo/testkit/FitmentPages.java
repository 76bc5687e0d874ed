package dev.cwo.testkit;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SizeRange;
import dev.cwo.VehicleKey;
import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Computes the fitment page of one combination on the fly, from a hash of the vehicle's seed and
 * the option index, so a catalog never holds its fitments in memory. The same {@link Page} renders
 * the HTML and yields the expected {@link Fitment}, so the two cannot drift.
 *
 * <p>Stateless and thread-safe.
 */
final class FitmentPages {
  private FitmentPages() {}

  /** One range as rendered inside {@code <b>}, with the value a perfect parser derives. */
  record Range(String label, String rendered, SizeRange truth) {}

  /** One axle block. */
  record Axle(Range diameter, Range width, Range offset) {
    AxleFit truth() {
      return new AxleFit(diameter.truth(), width.truth(), offset.truth());
    }
  }

  /** One fitment page. */
  record Page(SimulatedVehicle vehicle, FitmentOption option, Axle front, Axle rear) {
    Fitment truth() {
      boolean staggered = vehicle.layout != SimulatedVehicle.Layout.SQUARE;
      AxleFit f = front.truth();
      AxleFit r = staggered ? rear.truth() : f;
      boolean bp = vehicle.boltStyle != SimulatedVehicle.BoltStyle.NONE;
      return new Fitment(
          new CombinationKey(vehicle.key, option),
          f,
          r,
          staggered,
          bp ? vehicle.boltInch : null,
          bp ? vehicle.boltMm : null);
    }

    String html() {
      VehicleKey k = vehicle.key;
      StringBuilder sb = new StringBuilder(2048);
      String title = k.year() + " " + k.make() + " " + k.model() + " " + k.trim() + " " + k.drive();
      sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .append("<title>Wheels for ").append(Html.escape(title))
          .append(" | Custom Wheel Offset</title></head>\n<body>\n")
          .append("<div class=\"store-ymm\"><div class=\"store-ymm-vehicle\">")
          .append(Html.escape(title)).append(" &middot; ").append(Html.escape(option.toString()))
          .append("</div>\n");
      switch (vehicle.layout) {
        case SQUARE -> block(sb, " full-size", "", front);
        case MODERN_FRONT_FIRST -> {
          block(sb, "", "<nobr>Front</nobr> ", front);
          block(sb, "", "<nobr>Rear</nobr> ", rear);
        }
        case MODERN_REAR_FIRST -> {
          block(sb, "", "<nobr>Rear</nobr> ", rear);
          block(sb, "", "<nobr>Front</nobr> ", front);
        }
        case OLDER -> {
          block(sb, "", "<span class=\"store-conf-header\">Front Sizes:</span> ", front);
          block(sb, "", "<span class=\"store-conf-header\">Rear Sizes:</span> ", rear);
        }
        case NO_HEADER -> {
          block(sb, "", "", front);
          block(sb, "", "", rear);
        }
      }
      String text =
          "Bolt Pattern: " + vehicle.boltMm + "mm (" + vehicle.boltInch + "\")";
      switch (vehicle.boltStyle) {
        case DATA_INCH_FIRST -> bolt(sb, vehicle.boltInch + ", " + vehicle.boltMm, text);
        case DATA_MM_FIRST -> bolt(sb, vehicle.boltMm + ", " + vehicle.boltInch, text);
        case TEXT_ONLY -> bolt(sb, null, text);
        case NONE -> { }
      }
      sb.append("</div>\n<div class=\"store-products\"><div class=\"product\">Sample Wheel 20x9 +35")
          .append("</div></div>\n</body></html>\n");
      return sb.toString();
    }

    private static void block(StringBuilder sb, String extraClass, String header, Axle a) {
      sb.append("<div class=\"store-ymm-fitrange").append(extraClass).append("\">").append(header);
      for (Range r : new Range[] {a.diameter(), a.width(), a.offset()}) {
        sb.append("\n  <span class=\"store-conf-range\">").append(r.label()).append(": <b>")
            .append(Html.escape(r.rendered())).append("</b></span>");
      }
      sb.append("\n</div>\n");
    }

    private static void bolt(StringBuilder sb, String dataBp, String text) {
      sb.append("<div class=\"store-bp\"");
      if (dataBp != null) {
        sb.append(" data-bp=\"").append(Html.escapeAttr(dataBp)).append('"');
      }
      sb.append('>').append(Html.escape(text)).append("</div>\n");
    }
  }

  /** The page of option {@code index} of a vehicle with data. */
  static Page page(SimulatedVehicle v, int index, FitmentOption option) {
    SplittableRandom r = new SplittableRandom(Mix.mix(v.fitmentSeed, index + 1L));
    Axle front = axle(r);
    Axle rear = axle(r);
    return new Page(v, option, front, rear);
  }

  private static Axle axle(SplittableRandom r) {
    int d = 15 + r.nextInt(6);
    Range dia = range(r, "Diameter", "\"", d, d + r.nextInt(5), 0);
    double w = 6 + 0.5 * r.nextInt(6);
    Range width = range(r, "Width", "\"", w, w + 0.5 * (1 + r.nextInt(6)), 1);
    int o = -44 + r.nextInt(70);
    Range off = range(r, "Offset", "mm", o, o + 5 + r.nextInt(40), 0);
    return new Axle(dia, width, off);
  }

  private static Range range(
      SplittableRandom r, String label, String unit, double lo, double hi, int decimals) {
    String min = number(lo, decimals);
    String max = number(hi, decimals);
    int shape = r.nextInt(100); // <4 empty, <7 min only, <9 max only, else both bounds
    boolean hasMin = shape >= 4 && (shape < 7 || shape >= 9);
    boolean hasMax = shape >= 7;
    String text = (hasMin ? min : "") + unit + " to " + (hasMax ? max : "") + unit;
    SizeRange truth = hasMin || hasMax
        ? new SizeRange(text, hasMin ? new BigDecimal(min) : null, hasMax ? new BigDecimal(max) : null)
        : null;
    String rendered = r.nextInt(10) == 0 ? " " + text + " " : text;
    return new Range(label, rendered, truth);
  }

  private static String number(double v, int decimals) {
    if (decimals == 0 || v == Math.rint(v)) {
      return Long.toString(Math.round(v));
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
