package dev.cwo.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cwo.BlockedException;
import dev.cwo.MalformedResponseException;
import dev.cwo.PermanentFetchException;
import dev.cwo.SessionExpiredException;
import dev.cwo.TransientFetchException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SiteCallsTest {
  private static final URI U = URI.create("http://127.0.0.1:1/x");
  private static final Duration MS100 = Duration.ofMillis(100);
  private static final Duration S5 = Duration.ofSeconds(5);
  private static final Duration MIN2 = Duration.ofMinutes(2);

  @Test
  @DisplayName("backoff doubles from the initial delay and stops at the cap")
  void backoff() {
    TransientFetchException e = new TransientFetchException("x", U, 500);
    assertThat(SiteCalls.delay(e, 1, MS100, S5, 0, MIN2)).isEqualTo(Duration.ofMillis(100));
    assertThat(SiteCalls.delay(e, 2, MS100, S5, 0, MIN2)).isEqualTo(Duration.ofMillis(200));
    assertThat(SiteCalls.delay(e, 4, MS100, S5, 0, MIN2)).isEqualTo(Duration.ofMillis(800));
    assertThat(SiteCalls.delay(e, 20, MS100, S5, 0, MIN2)).isEqualTo(S5);
  }

  @RepeatedTest(20)
  @DisplayName("jitter spreads the delay within its fraction")
  void jitter() {
    TransientFetchException e = new TransientFetchException("x", U, 500);
    assertThat(SiteCalls.delay(e, 3, MS100, S5, 0.25, MIN2))
        .isBetween(Duration.ofMillis(300), Duration.ofMillis(500));
  }

  @Test
  @DisplayName("Retry-After replaces the backoff, cut to maxRetryAfter")
  void retryAfter() {
    TransientFetchException asked =
        new TransientFetchException("x", U, 429, Duration.ofSeconds(7), null);
    assertThat(SiteCalls.delay(asked, 1, MS100, S5, 0.25, MIN2)).isEqualTo(Duration.ofSeconds(7));
    TransientFetchException greedy =
        new TransientFetchException("x", U, 429, Duration.ofHours(3), null);
    assertThat(SiteCalls.delay(greedy, 1, MS100, S5, 0.25, MIN2)).isEqualTo(MIN2);
  }

  @Test
  @DisplayName("retried: transient and malformed; not: blocked, permanent, expired session")
  void retryable() {
    assertThat(SiteCalls.isRetryable(new TransientFetchException("x", U, 503))).isTrue();
    assertThat(SiteCalls.isRetryable(MalformedResponseException.of(U, 200, "a", "b", "c", null)))
        .isTrue();
    assertThat(SiteCalls.isRetryable(new BlockedException("h", U, 200))).isFalse();
    assertThat(SiteCalls.isRetryable(new PermanentFetchException("x", U, 404))).isFalse();
    assertThat(SiteCalls.isRetryable(new SessionExpiredException("x", U, 200))).isFalse();
    assertThat(SiteCalls.isRetryable(new IllegalStateException())).isFalse();
  }
}
