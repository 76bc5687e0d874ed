/**
 * Public-but-not-API helpers of cwo-net (URL encoding, response classification, page parsing,
 * sessions). No other module imports this package; it may change without notice.
 */
package dev.cwo.net.internal;
