package dev.cwo.net.internal;

import dev.cwo.spi.FetchSession;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieStore;

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
