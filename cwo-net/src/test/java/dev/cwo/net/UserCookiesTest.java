package dev.cwo.net;

import static dev.cwo.net.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cwo.net.internal.CookieJarSession;
import dev.cwo.spi.FetchRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.cookie.CookieSpec;
import org.apache.hc.client5.http.impl.cookie.RFC6265CookieSpecFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the user's browser cookies, and where {@link HttpClient5FetchClient} sends them. */
class UserCookiesTest {
  private static final String JSON_EXPORT = """
      [
        {"domain": ".example.com", "expirationDate": 4102444800.5, "hostOnly": false,
         "httpOnly": true, "name": "aws-waf-token", "path": "/", "sameSite": "lax",
         "secure": true, "session": false, "storeId": "0", "value": "tok-SECRET-1"},
        {"domain": "www.example.com", "hostOnly": true, "name": "PHPSESSID", "path": "/store",
         "secure": false, "session": true, "value": "sess-SECRET-2"}
      ]
      """;
  private static final String NETSCAPE = """
      # Netscape HTTP Cookie File
      # https://curl.se/docs/http-cookies.html

      .example.com\tTRUE\t/\tTRUE\t4102444800\taws-waf-token\ttok-SECRET-1
      #HttpOnly_www.example.com\tFALSE\t/store\tFALSE\t0\tPHPSESSID\tsess-SECRET-2
      """;

  @TempDir Path dir;

  @Test
  @DisplayName("the browser JSON export and cookies.txt read to the same cookies")
  void readsBothFormats() throws IOException {
    Path json = Files.writeString(dir.resolve("cookies.json"), JSON_EXPORT);
    Path txt = Files.writeString(dir.resolve("cookies.txt"), NETSCAPE);

    List<UserCookie> fromJson = CookieFiles.read(json);
    List<UserCookie> fromTxt = CookieFiles.read(txt);

    UserCookie token = new UserCookie("aws-waf-token", "tok-SECRET-1", "example.com", false, "/",
        true, Instant.ofEpochSecond(4102444800L));
    UserCookie session =
        new UserCookie("PHPSESSID", "sess-SECRET-2", "www.example.com", true, "/store", false, null);
    assertThat(fromTxt).containsExactly(token, session);
    assertThat(fromJson.get(0).expires()).isEqualTo(Instant.ofEpochMilli(4102444800500L));
    assertThat(fromJson.get(0)).usingRecursiveComparison().ignoringFields("expires")
        .isEqualTo(token);
    assertThat(fromJson.get(1)).isEqualTo(session);
  }

  @Test
  @DisplayName("no cookie value appears in toString or in a parse error")
  void valuesNeverShow() {
    UserCookie c = UserCookie.of(".example.com", "aws-waf-token", "tok-SECRET-1");
    assertThat(c.toString()).contains("aws-waf-token").doesNotContain("SECRET");
    assertThatThrownBy(() -> CookieFiles.parseNetscape("example.com\tTRUE\t/\tFALSE\tsoon\tn\tv-SECRET", "f"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("SECRET");
    assertThatThrownBy(() -> CookieFiles.parseJson("[{\"name\":\"n\",\"value\":\"v-SECRET\"}]", "f"))
        .hasMessageContaining("cookie #1")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  @DisplayName("a domain cookie matches its domain and subdomains; a host-only cookie its host"
      + " alone; path and secure are respected (HttpClient's own RFC 6265 matching)")
  void scoping() {
    CookieSpec spec = new RFC6265CookieSpecFactory().create(null);
    Cookie domain = CookieJarSession.toClientCookie(UserCookie.of(".example.com", "d", "1"));
    Cookie hostOnly = CookieJarSession.toClientCookie(UserCookie.of("www.example.com", "h", "2"));
    Cookie secure = CookieJarSession.toClientCookie(
        new UserCookie("s", "3", "example.com", false, "/store", true, null));

    assertThat(spec.match(domain, origin("example.com", "/", false))).isTrue();
    assertThat(spec.match(domain, origin("www.example.com", "/", false))).isTrue();
    assertThat(spec.match(domain, origin("a.b.example.com", "/x", false))).isTrue();
    assertThat(spec.match(domain, origin("notexample.com", "/", false))).isFalse();
    assertThat(spec.match(domain, origin("example.com.evil.net", "/", false))).isFalse();

    assertThat(spec.match(hostOnly, origin("www.example.com", "/", false))).isTrue();
    assertThat(spec.match(hostOnly, origin("sub.www.example.com", "/", false))).isFalse();
    assertThat(spec.match(hostOnly, origin("example.com", "/", false))).isFalse();

    assertThat(spec.match(secure, origin("www.example.com", "/store/wheels", true))).isTrue();
    assertThat(spec.match(secure, origin("www.example.com", "/store/wheels", false))).isFalse();
    assertThat(spec.match(secure, origin("www.example.com", "/api", true))).isFalse();
  }

  @Test
  @DisplayName("over the wire: a host-only cookie goes to its host only, an expired or secure"
      + " cookie not over plain HTTP, in every session")
  void sentOnlyWhereTheyBelong() {
    try (StubServer server = StubServer.start();
        HttpClient5FetchClient client =
            HttpClient5FetchClient.builder()
                .cookies(List.of(
                    UserCookie.of("localhost", "mine", "m-1"),
                    new UserCookie("old", "o-1", "localhost", true, "/", false,
                        Instant.parse("2001-01-01T00:00:00Z")),
                    new UserCookie("sec", "s-1", "localhost", true, "/", true, null),
                    new UserCookie("pathed", "p-1", "localhost", true, "/other", false, null)))
                .build()) {
      server.on("/echo", json(200, "{}"));
      URI byName = URI.create("http://localhost:" + server.port() + "/echo");
      client.fetch(new FetchRequest(byName, java.util.Map.of(), client.newSession(), "t"));
      client.fetch(FetchRequest.get(byName, "t"));
      client.fetch(FetchRequest.get(server.uri("/echo"), "t"));

      List<StubServer.Seen> seen = server.requests("/echo");
      assertThat(seen.get(0).header("Cookie")).isEqualTo("mine=m-1");
      assertThat(seen.get(1).header("Cookie")).isEqualTo("mine=m-1");
      assertThat(seen.get(2).header("Cookie")).as("127.0.0.1 is another host").isNull();
    }
  }

  private static CookieOrigin origin(String host, String path, boolean secure) {
    return new CookieOrigin(host, secure ? 443 : 80, path, secure);
  }
}
