package dev.cwo.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Alfa Romeo|Alfa%20Romeo",
        "F-150+|F-150%2B",
        "1/2 Ton|1%2F2%20Ton",
        "100%|100%25",
        "C#|C%23",
        "What?|What%3F",
        "`24\" Edition`|24%22%20Edition",
        "O'Brien|O%27Brien",
        "A&B|A%26B",
        "Citroën|Citro%C3%ABn",
        "Škoda 日本|%C5%A0koda%20%E6%97%A5%E6%9C%AC",
        "a=b;c,d:e@f|a%3Db%3Bc%2Cd%3Ae%40f",
        "(Base)|%28Base%29",
        "AZaz09-._~|AZaz09-._~",
        "..|%2E%2E",
        ".|%2E",
        "v1.5|v1.5"
      })
  @DisplayName("encodes every awkward character of a name as one segment")
  void encodes(String name, String expected) {
    assertThat(PathSegments.encode(name)).isEqualTo(expected);
  }

  @Test
  @DisplayName("joins segments, each encoded on its own")
  void path() {
    assertThat(PathSegments.path(List.of("2025", "Alfa Romeo", "4C/Spider")))
        .isEqualTo("/2025/Alfa%20Romeo/4C%2FSpider");
  }

  @Test
  @DisplayName("form-encodes query strings (space as +, + as %2B)")
  void query() {
    assertThat(PathSegments.query(List.of(
            Map.entry("make", "Alfa Romeo"),
            Map.entry("suspension", "Suspension Lift 2.5\""),
            Map.entry("trim", "A+B&C=D"))))
        .isEqualTo("make=Alfa+Romeo&suspension=Suspension+Lift+2.5%22&trim=A%2BB%26C%3DD");
  }
}
