package dev.cwo.net;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A cookie the user hands to cwo (for instance a browser's {@code aws-waf-token}), to be sent with
 * every session to its own domain only.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the value: cookies are secrets.
 *
 * @param name the cookie name
 * @param value the cookie value (never logged)
 * @param domain the host name it belongs to, lower case, without a leading dot
 * @param hostOnly {@code true}: sent to exactly {@code domain}; {@code false}: also to its
 *     subdomains (a browser's domain cookie, written with a leading dot)
 * @param path the path prefix it is sent under, {@code "/"} for all
 * @param secure sent over HTTPS only
 * @param expires when it stops being sent, or {@code null} for a session cookie
 */
public record UserCookie(
    String name,
    String value,
    String domain,
    boolean hostOnly,
    String path,
    boolean secure,
    Instant expires) {

  public UserCookie {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
    String d = domain.trim().toLowerCase(Locale.ROOT);
    domain = d.startsWith(".") ? d.substring(1) : d;
    if (name.isBlank()) {
      throw new IllegalArgumentException("cookie name must not be blank (domain " + domain + ")");
    }
    if (domain.isBlank() || domain.contains("/") || domain.contains(":")) {
      throw new IllegalArgumentException(
          "cookie domain must be a host name, was \"" + domain + "\" for " + name);
    }
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
  }

  /**
   * A cookie for exactly one host, all paths, any scheme, no expiry; {@code domain} with a leading
   * dot makes it a domain cookie instead (sent to subdomains too).
   */
  public static UserCookie of(String domain, String name, String value) {
    Objects.requireNonNull(domain, "domain");
    return new UserCookie(name, value, domain, !domain.trim().startsWith("."), "/", false, null);
  }

  @Override
  public String toString() {
    return "UserCookie[" + name + " for " + (hostOnly ? "" : ".") + domain + path
        + (secure ? ", secure" : "") + (expires == null ? "" : ", expires " + expires) + "]";
  }
}
