/**
 * The default {@link dev.cwo.spi.CombinationStore}: {@link dev.cwo.db.JooqCombinationStore}, on
 * jOOQ over a HikariCP pool, for SQLite (the embedded default) and PostgreSQL, with the schema
 * created and upgraded by Flyway migrations; and, on PostgreSQL, the {@link
 * dev.cwo.spi.WorkCoordinator} of a fleet of processes, {@link dev.cwo.db.PostgresLeaseCoordinator}
 * (work leases and the rate budget split across live members), with {@link dev.cwo.db.FleetStatus}
 * to watch it.
 */
package dev.cwo.db;
