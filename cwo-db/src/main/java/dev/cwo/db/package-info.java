/**
 * The default {@link dev.cwo.spi.CombinationStore}: {@link dev.cwo.db.JooqCombinationStore}, on
 * jOOQ over a HikariCP pool, for SQLite (the embedded default) and PostgreSQL, with the schema
 * created and upgraded by Flyway migrations.
 */
package dev.cwo.db;
