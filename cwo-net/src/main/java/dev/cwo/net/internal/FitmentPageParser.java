package dev.cwo.net.internal;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.MalformedResponseException;
import dev.cwo.SessionExpiredException;
import dev.cwo.SizeRange;
import dev.cwo.spi.FetchResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads a fitment page: the range blocks ({@code div.store-ymm-fitrange}, square or one of the
 * three split layouts) and the bolt pattern ({@code .store-bp}, from {@code data-bp} or its text).
 *
 * <p>A page without any range block is how the site answers for an expired session: that is a
 * {@link SessionExpiredException}. A page that stops short (no closing {@code </html>}) or holds
 * numbers that do not parse is a {@link MalformedResponseException}. Stateless and thread-safe.
 */
public final class FitmentPageParser {
  private static final Pattern CLOSING_HTML = Pattern.compile("</html\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOLT = Pattern.compile("(\\d+)\\s*[xX×]\\s*(\\d+(?:\\.\\d+)?)");
  private static final BigDecimal MM_THRESHOLD = new BigDecimal("90");

  /** Parses the page answered for {@code key}. */
  public Fitment parse(CombinationKey key, FetchResponse response) {
    URI uri = response.uri();
    String html = response.bodyText();
    if (!CLOSING_HTML.matcher(html).find()) {
      throw malformed(response, "the page stops before </html> (truncated)", null);
    }
    Document doc = Jsoup.parse(html, uri.toString());
    Elements blocks = doc.select("div.store-ymm-fitrange");
    if (blocks.isEmpty()) {
      throw new SessionExpiredException(
          "the fitment page " + uri + " shows no ranges for " + key
              + ": the site's session has expired or holds another vehicle",
          uri, response.status());
    }
    if (blocks.size() > 2) {
      throw malformed(response, blocks.size() + " range blocks, at most 2 expected", null);
    }
    String[] bolt = boltPattern(doc);
    if (blocks.size() == 1) {
      AxleFit fit = axle(blocks.get(0), response);
      return new Fitment(key, fit, fit, false, bolt[0], bolt[1]);
    }
    Element first = blocks.get(0);
    Element second = blocks.get(1);
    String a = axleLabel(first);
    String b = axleLabel(second);
    boolean swap = "rear".equals(a) || "front".equals(b);
    if (swap && ("front".equals(a) || "rear".equals(b))) {
      throw malformed(response, "both range blocks claim the same axle", null);
    }
    Element front = swap ? second : first;
    Element rear = swap ? first : second;
    return new Fitment(
        key, axle(front, response), axle(rear, response), true, bolt[0], bolt[1]);
  }

  /** "front", "rear" or null when the block does not say. */
  private static String axleLabel(Element block) {
    Element label = block.selectFirst("nobr");
    if (label == null) {
      label = block.selectFirst("span.store-conf-header");
    }
    if (label == null) {
      return null;
    }
    String text = label.text().toLowerCase(Locale.ROOT);
    if (text.contains("front")) {
      return "front";
    }
    if (text.contains("rear")) {
      return "rear";
    }
    return null;
  }

  private AxleFit axle(Element block, FetchResponse response) {
    SizeRange diameter = null;
    SizeRange width = null;
    SizeRange offset = null;
    for (Element span : block.select("span.store-conf-range")) {
      String label = span.ownText().trim().toLowerCase(Locale.ROOT);
      Element b = span.selectFirst("b");
      SizeRange range = b == null ? null : range(b.text().trim(), response);
      if (label.startsWith("diameter")) {
        diameter = range;
      } else if (label.startsWith("width")) {
        width = range;
      } else if (label.startsWith("offset")) {
        offset = range;
      }
    }
    return new AxleFit(diameter, width, offset);
  }

  /** A range text such as {@code 19" to 22"}; {@code null} when both bounds are empty. */
  SizeRange range(String text, FetchResponse response) {
    if (text.isEmpty()) {
      return null;
    }
    int to = text.indexOf(" to ");
    String low;
    String high;
    if (to >= 0) {
      low = text.substring(0, to);
      high = text.substring(to + 4);
    } else if (text.equals("to") || text.startsWith("to ") || text.endsWith(" to")) {
      low = text.startsWith("to") ? "" : text.substring(0, text.length() - 2);
      high = text.startsWith("to") ? text.substring(2) : "";
    } else {
      low = text;
      high = text;
    }
    BigDecimal min = number(low, text, response);
    BigDecimal max = number(high, text, response);
    return min == null && max == null ? null : new SizeRange(text, min, max);
  }

  private static BigDecimal number(String bound, String text, FetchResponse response) {
    String s = bound.replace("\"", "").replace("″", "").replace("mm", "").replace("in", "").trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(s.replace("−", "-").replace("+", ""));
    } catch (NumberFormatException e) {
      throw malformed(response, "the range \"" + text + "\" holds no number", e);
    }
  }

  /** {inch, mm}, either null when the page does not say. */
  private static String[] boltPattern(Document doc) {
    Element bp = doc.selectFirst(".store-bp");
    String[] result = new String[2];
    if (bp == null) {
      return result;
    }
    String source = bp.hasAttr("data-bp") && !bp.attr("data-bp").isBlank()
        ? bp.attr("data-bp") : bp.text();
    Matcher m = BOLT.matcher(source);
    while (m.find()) {
      String form = m.group(1) + "x" + m.group(2);
      boolean mm = new BigDecimal(m.group(2)).compareTo(MM_THRESHOLD) >= 0;
      int slot = mm ? 1 : 0;
      if (result[slot] == null) {
        result[slot] = form;
      }
    }
    return result;
  }

  private static MalformedResponseException malformed(
      FetchResponse response, String reason, Throwable cause) {
    return MalformedResponseException.of(
        response.uri(), response.status(), "a fitment page (HTML)", reason, response.bodyText(),
        cause);
  }
}
