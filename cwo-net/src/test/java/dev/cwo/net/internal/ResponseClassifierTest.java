package dev.cwo.net.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.BlockedException;
import dev.cwo.PermanentFetchException;
import dev.cwo.TransientFetchException;
import dev.cwo.spi.FetchResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {
  private static final URI A = URI.create("http://127.0.0.1:1111/x");
  private static final URI B = URI.create("http://127.0.0.1:2222/x");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ResponseClassifier classifier = new ResponseClassifier(3, CLOCK);

  private static FetchResponse answer(URI uri, int status, String body, String... headers) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      h.put(headers[i], List.of(headers[i + 1]));
    }
    return new FetchResponse(uri, status, h, body.getBytes(StandardCharsets.UTF_8));
  }

  private static final String WALL =
      "<html><head><title>Human Verification</title></head><body></body></html>";

  @Test
  @DisplayName("a 2xx answer passes")
  void ok() {
    assertThatCode(() -> classifier.classify(answer(A, 200, "[]"))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("the wall is transient twice, blocks the host the third time, then fails fast")
  void wallThenBlocked() {
    assertThatThrownBy(() -> classifier.classify(answer(A, 200, WALL)))
        .isInstanceOf(TransientFetchException.class).hasMessageContaining("1 of 3");
    assertThatThrownBy(() -> classifier.classify(answer(A, 405, WALL)))
        .isInstanceOf(TransientFetchException.class).hasMessageContaining("2 of 3");
    assertThatThrownBy(() -> classifier.classify(answer(A, 202, WALL)))
        .isInstanceOfSatisfying(BlockedException.class,
            e -> assertThat(e.host()).isEqualTo("127.0.0.1:1111"));
    assertThatThrownBy(() -> classifier.checkNotBlocked(A)).isInstanceOf(BlockedException.class);
    assertThatCode(() -> classifier.checkNotBlocked(B)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a usable answer resets the host's wall streak")
  void streakResets() {
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> classifier.classify(answer(A, 200, WALL)))
          .isExactlyInstanceOf(TransientFetchException.class);
      assertThatThrownBy(() -> classifier.classify(answer(A, 200, WALL)))
          .isExactlyInstanceOf(TransientFetchException.class);
      classifier.classify(answer(A, 200, "[]"));
    }
    assertThat(classifier.isBlocked(A)).isFalse();
  }

  @Test
  @DisplayName("the x-amzn-waf-action header alone marks the wall; a similar title does not")
  void wallByHeader() {
    assertThatThrownBy(() -> classifier.classify(answer(A, 202, "", "x-amzn-waf-action", "captcha")))
        .isInstanceOf(TransientFetchException.class).hasMessageContaining("bot wall");
    String notWall = "<html><head><title>Human Verification Guide</title></head></html>";
    assertThatCode(() -> classifier.classify(answer(B, 200, notWall))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("429 and 503 carry Retry-After in seconds or as an HTTP date")
  void retryAfter() {
    assertThatThrownBy(() -> classifier.classify(
            answer(A, 429, "{\"message\":\"Too Many Requests\"}", "retry-after", "7")))
        .isInstanceOfSatisfying(TransientFetchException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    assertThatThrownBy(() -> classifier.classify(
            answer(A, 503, "down", "retry-after", "Thu, 01 Jan 2026 00:01:30 GMT")))
        .isInstanceOfSatisfying(TransientFetchException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)));
    assertThatThrownBy(() -> classifier.classify(answer(A, 429, "{}")))
        .isInstanceOfSatisfying(TransientFetchException.class,
            e -> assertThat(e.retryAfter()).isEmpty());
  }

  @Test
  @DisplayName("5xx and 403 are transient; 404 and other 4xx are permanent")
  void statuses() {
    assertThatThrownBy(() -> classifier.classify(answer(A, 500, "<h1>oops</h1>")))
        .isInstanceOf(TransientFetchException.class).hasMessageContaining("HTTP 500");
    assertThatThrownBy(() -> classifier.classify(answer(A, 502, "{}")))
        .isInstanceOf(TransientFetchException.class);
    assertThatThrownBy(() -> classifier.classify(answer(A, 403, "{\"message\":\"Forbidden\"}")))
        .isInstanceOf(TransientFetchException.class);
    assertThatThrownBy(() -> classifier.classify(answer(A, 200, "{\"message\":\"Forbidden\"}")))
        .isInstanceOf(TransientFetchException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> classifier.classify(answer(A, 404, "{\"message\":\"Not Found\"}")))
        .isInstanceOf(PermanentFetchException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> classifier.classify(answer(A, 410, "")))
        .isInstanceOf(PermanentFetchException.class);
    assertThatThrownBy(() -> classifier.classify(answer(A, 302, "")))
        .isInstanceOf(PermanentFetchException.class);
  }
}
