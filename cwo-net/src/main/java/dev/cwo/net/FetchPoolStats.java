package dev.cwo.net;

/**
 * A snapshot of an {@link HttpClient5FetchClient}'s connection pool.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leased connections in use by a request
 * @param available idle keep-alive connections ready for reuse
 * @param pending requests waiting for a connection
 * @param max connections the pool may hold at most
 */
public record FetchPoolStats(int leased, int available, int pending, int max) {}
