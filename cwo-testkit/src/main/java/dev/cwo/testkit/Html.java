package dev.cwo.testkit;

/**
 * HTML escaping for the simulated site's pages.
 *
 * <p>Stateless and thread-safe.
 */
final class Html {
  private Html() {}

  /** Escapes text content: {@code & < >} (quotes stay raw, as on the real pages). */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Escapes an attribute value written between double quotes. */
  static String escapeAttr(String s) {
    return escape(s).replace("\"", "&quot;");
  }
}
