/**
 * cwo's network parts: {@link dev.cwo.net.HttpClient5FetchClient}, the default
 * {@link dev.cwo.spi.FetchClient} on Apache HttpClient 5, and {@link dev.cwo.net.CwoFitmentSource},
 * the default {@link dev.cwo.spi.FitmentSource} that speaks the site protocol pinned in
 * {@code docs/site-protocol.md} (Jackson for JSON, jsoup for HTML, Failsafe for retries);
 * {@link dev.cwo.net.PoliteFetchClient}, the per-host rate, concurrency and {@code Retry-After}
 * decorator to put around any client; and {@link dev.cwo.net.CookieFiles}, which reads the user's
 * browser cookies ({@link dev.cwo.net.UserCookie}) for the client to send.
 */
package dev.cwo.net;
