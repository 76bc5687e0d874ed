package dev.cwo.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the cookies a user exported from a browser: the common JSON export (an array of objects
 * with {@code name}, {@code value}, {@code domain}, {@code path}, {@code secure},
 * {@code expirationDate} in epoch seconds, and optionally {@code hostOnly} / {@code session}) and
 * the Netscape {@code cookies.txt} format (tab-separated: domain, include-subdomains flag, path,
 * secure flag, expiry in epoch seconds, name, value; {@code #HttpOnly_} prefixes allowed).
 *
 * <p>Stateless and thread-safe. Error messages name the file and the line or entry, never a
 * cookie's value.
 *
 * <pre>{@code
 * List<UserCookie> cookies = CookieFiles.read(Path.of("cookies.json"));
 * HttpClient5FetchClient http = HttpClient5FetchClient.builder().cookies(cookies).build();
 * }</pre>
 */
public final class CookieFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CookieFiles() {}

  /** Reads a JSON export or a Netscape file, telling them apart by the first non-blank character. */
  public static List<UserCookie> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String t = text.stripLeading();
    return t.startsWith("[") || t.startsWith("{")
        ? parseJson(text, file.toString())
        : parseNetscape(text, file.toString());
  }

  /** Reads the browser-export JSON format from {@code text}; {@code source} names it in errors. */
  public static List<UserCookie> parseJson(String text, String source) throws IOException {
    Objects.requireNonNull(text, "text");
    JsonNode root = JSON.readTree(text);
    if (root != null && root.isObject() && root.has("cookies")) {
      root = root.get("cookies");
    }
    if (root == null || !root.isArray()) {
      throw new IOException(source + ": expected a JSON array of cookie objects");
    }
    List<UserCookie> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode c = root.get(i);
      String where = source + ": cookie #" + (i + 1);
      if (!c.isObject() || !c.path("name").isTextual() || !c.path("value").isTextual()
          || !c.path("domain").isTextual()) {
        throw new IOException(where + " needs text fields name, value and domain");
      }
      String domain = c.get("domain").asText();
      boolean hostOnly =
          c.has("hostOnly") ? c.get("hostOnly").asBoolean() : !domain.startsWith(".");
      Instant expires = null;
      boolean session = c.path("session").asBoolean(false);
      if (!session && c.path("expirationDate").isNumber()) {
        expires = Instant.ofEpochMilli((long) (c.get("expirationDate").asDouble() * 1000));
      }
      try {
        out.add(new UserCookie(c.get("name").asText(), c.get("value").asText(), domain, hostOnly,
            c.path("path").asText("/"), c.path("secure").asBoolean(false), expires));
      } catch (IllegalArgumentException e) {
        throw new IOException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Reads the Netscape {@code cookies.txt} format from {@code text}. */
  public static List<UserCookie> parseNetscape(String text, String source) throws IOException {
    Objects.requireNonNull(text, "text");
    List<UserCookie> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("#HttpOnly_")) {
        line = line.substring("#HttpOnly_".length());
      } else if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = source + ": line " + (i + 1);
      String[] f = line.split("\t", -1);
      if (f.length != 7) {
        throw new IOException(where + " has " + f.length + " tab-separated fields, expected 7");
      }
      long expiry;
      try {
        expiry = Long.parseLong(f[4].trim());
      } catch (NumberFormatException e) {
        throw new IOException(where + ": expiry is not a number of seconds", e);
      }
      boolean subdomains = f[1].trim().toUpperCase(Locale.ROOT).equals("TRUE");
      boolean secure = f[3].trim().toUpperCase(Locale.ROOT).equals("TRUE");
      try {
        out.add(new UserCookie(f[5], f[6], f[0], !subdomains, f[2].isEmpty() ? "/" : f[2], secure,
            expiry <= 0 ? null : Instant.ofEpochSecond(expiry)));
      } catch (IllegalArgumentException e) {
        throw new IOException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
