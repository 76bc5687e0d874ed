package dev.cwo.net.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.AxleFit;
import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.MalformedResponseException;
import dev.cwo.SessionExpiredException;
import dev.cwo.SizeRange;
import dev.cwo.VehicleKey;
import dev.cwo.spi.FetchResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FitmentPageParserTest {
  private static final CombinationKey KEY =
      new CombinationKey(
          new VehicleKey(2025, "BMW", "M3", "Competition", "RWD"),
          new FitmentOption("Stock", "Minor Plastic Trimming", "Rubs"));
  private final FitmentPageParser parser = new FitmentPageParser();

  static String fixture(String name) {
    try (InputStream in = FitmentPageParserTest.class.getResourceAsStream("/pages/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  private Fitment parse(String html) {
    return parser.parse(KEY, new FetchResponse(URI.create("http://127.0.0.1/store/wheels?x=1"),
        200, Map.of(), html.getBytes(StandardCharsets.UTF_8)));
  }

  private static SizeRange range(String text, String min, String max) {
    return new SizeRange(text, min == null ? null : new BigDecimal(min),
        max == null ? null : new BigDecimal(max));
  }

  @Test
  @DisplayName("square page: one block, front = rear, not staggered, bolt pattern from data-bp")
  void square() {
    Fitment f = parse(fixture("square.html"));
    AxleFit expected = new AxleFit(
        range("19\" to 22\"", "19", "22"),
        range("7.5\" to 9.5\"", "7.5", "9.5"),
        range("-12mm to 35mm", "-12", "35"));
    assertThat(f.key()).isEqualTo(KEY);
    assertThat(f.staggered()).isFalse();
    assertThat(f.front()).isEqualTo(expected);
    assertThat(f.rear()).isEqualTo(expected);
    assertThat(f.boltPatternInch()).isEqualTo("5x4.5");
    assertThat(f.boltPatternMm()).isEqualTo("5x114.3");
  }

  @Test
  @DisplayName("split, modern: <nobr> decides the axle even when the rear block comes first")
  void splitModern() {
    Fitment f = parse(fixture("split-modern.html"));
    assertThat(f.staggered()).isTrue();
    assertThat(f.front().diameter()).isEqualTo(range("18\" to 20\"", "18", "20"));
    assertThat(f.front().offset()).isEqualTo(range("30mm to 50mm", "30", "50"));
    assertThat(f.rear().width()).isEqualTo(range("9.5\" to 11\"", "9.5", "11"));
    // data-bp lists the mm form first here
    assertThat(f.boltPatternInch()).isEqualTo("5x4.72");
    assertThat(f.boltPatternMm()).isEqualTo("5x120");
  }

  @Test
  @DisplayName("split, older: store-conf-header decides the axle; bolt pattern from the text")
  void splitOlder() {
    Fitment f = parse(fixture("split-older.html"));
    assertThat(f.staggered()).isTrue();
    assertThat(f.front().width()).isEqualTo(range("7\" to 8.5\"", "7", "8.5"));
    assertThat(f.rear().width()).isEqualTo(range("8\" to 10\"", "8", "10"));
    assertThat(f.rear().offset()).isEqualTo(range("25mm to 40mm", "25", "40"));
    assertThat(f.boltPatternInch()).isEqualTo("5x5.04");
    assertThat(f.boltPatternMm()).isEqualTo("5x128");
  }

  @Test
  @DisplayName("split, no header: the first block is the front; empty and one-bound ranges")
  void splitNoHeader() {
    Fitment f = parse(fixture("split-noheader.html"));
    assertThat(f.staggered()).isTrue();
    assertThat(f.front().diameter()).isEqualTo(range("18\" to \"", "18", null));
    assertThat(f.front().width()).isNull();
    assertThat(f.front().offset()).isNull();
    assertThat(f.rear().diameter()).isEqualTo(range("\" to 21\"", null, "21"));
    assertThat(f.rear().width()).isEqualTo(range("10\" to 12.5\"", "10", "12.5"));
    assertThat(f.rear().offset()).isEqualTo(range("-44mm to -6mm", "-44", "-6"));
    assertThat(f.boltPatternInch()).isNull();
    assertThat(f.boltPatternMm()).isNull();
  }

  @Test
  @DisplayName("a page without range blocks means the session expired")
  void generic() {
    assertThatThrownBy(() -> parse(fixture("generic.html")))
        .isInstanceOf(SessionExpiredException.class)
        .hasMessageContaining("/store/wheels");
  }

  @Test
  @DisplayName("a page cut before </html> is malformed, not an expired session")
  void truncated() {
    String page = fixture("square.html");
    assertThatThrownBy(() -> parse(page.substring(0, page.indexOf("Width"))))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("127.0.0.1/store/wheels");
  }

  @Test
  @DisplayName("a range with no number in it is malformed")
  void garbageRange() {
    String page = fixture("square.html").replace("19\" to 22\"", "big to small");
    assertThatThrownBy(() -> parse(page))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("big to small");
  }
}
