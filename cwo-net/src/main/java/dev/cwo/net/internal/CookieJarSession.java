package dev.cwo.net.internal;

import dev.cwo.spi.FetchSession;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.cookie.BasicClientCookie;
import dev.cwo.net.UserCookie;

/**
 * A {@link FetchSession} of {@code HttpClient5FetchClient}: its own {@link BasicCookieStore},
 * seeded with the caller's cookies.
 *
 * <p>Thread-safe (the store is). Cookie values never appear in {@link #toString()}.
 */
public final class CookieJarSession implements FetchSession {
  private final Object owner;
  private final BasicCookieStore store = new BasicCookieStore();

  /** A session owned by {@code owner} (the client that made it), seeded with {@code seed}. */
  public CookieJarSession(Object owner, List<? extends Cookie> seed) {
    this.owner = Objects.requireNonNull(owner, "owner");
    seed.forEach(store::addCookie);
  }

  /**
   * The HttpClient cookie for a user's cookie: a domain cookie carries the {@code domain}
   * attribute, which is what makes HttpClient's RFC 6265 matching send it to subdomains; a
   * host-only cookie lacks it and matches its host alone.
   */
  public static Cookie toClientCookie(UserCookie c) {
    BasicClientCookie cookie = new BasicClientCookie(c.name(), c.value());
    cookie.setDomain(c.domain());
    cookie.setPath(c.path());
    cookie.setAttribute(Cookie.PATH_ATTR, c.path());
    if (!c.hostOnly()) {
      cookie.setAttribute(Cookie.DOMAIN_ATTR, "." + c.domain());
    }
    cookie.setSecure(c.secure());
    if (c.expires() != null) {
      cookie.setExpiryDate(c.expires());
    }
    return cookie;
  }

  /** The client that made this session. */
  public Object owner() {
    return owner;
  }

  public CookieStore store() {
    return store;
  }

  @Override
  public void close() {
    store.clear();
  }

  @Override
  public String toString() {
    return "CookieJarSession[" + store.getCookies().size() + " cookies]";
  }
}
