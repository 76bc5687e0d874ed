/**
 * cwo's network parts: {@link dev.cwo.net.HttpClient5FetchClient}, the default
 * {@link dev.cwo.spi.FetchClient} on Apache HttpClient 5, and {@link dev.cwo.net.CwoFitmentSource},
 * the default {@link dev.cwo.spi.FitmentSource} that speaks the site protocol pinned in
 * {@code docs/site-protocol.md} (Jackson for JSON, jsoup for HTML, Failsafe for retries).
 */
package dev.cwo.net;
