package dev.cwo.spi;

/**
 * A snapshot of a store's connection pool (the original's {@code get_engine_info()}).
 *
 * @param description what the store is, e.g. {@code "SQLite jdbc:sqlite:cwo.db"} (no credentials)
 * @param poolSize connections the pool may hold at most
 * @param active connections in use
 * @param idle connections open and free
 * @param waiting threads waiting for a connection
 */
public record StoreInfo(String description, int poolSize, int active, int idle, int waiting) {}
