package dev.cwo.net.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes names for URLs: one RFC 3986 path segment per name, and form-encoded query strings.
 *
 * <p>Every byte of the name's UTF-8 form that is not unreserved ({@code A-Z a-z 0-9 - . _ ~}) is
 * percent-encoded with upper-case hex, so a space is {@code %20}, {@code +} is {@code %2B} and
 * {@code /} is {@code %2F}. A segment made only of dots ({@code .}, {@code ..}) is fully escaped,
 * so that no URI normalisation can take it for a dot-segment. Stateless and thread-safe.
 */
public final class PathSegments {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  /** The name encoded as one path segment. */
  public static String encode(String name) {
    Objects.requireNonNull(name, "name");
    boolean dotsOnly = !name.isEmpty() && name.chars().allMatch(c -> c == '.');
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c) && !dotsOnly) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
      }
    }
    return out.toString();
  }

  /** {@code /a/b/c} for names {@code a, b, c}, each encoded as one segment. */
  public static String path(List<String> names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      out.append('/').append(encode(name));
    }
    return out.toString();
  }

  /** A form-encoded query string ({@code a=1&b=x+y}) of the entries, in their order. */
  public static String query(List<Map.Entry<String, String>> entries) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : entries) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
