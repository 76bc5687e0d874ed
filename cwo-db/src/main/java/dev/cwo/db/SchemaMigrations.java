package dev.cwo.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;

/**
 * Applies cwo's Flyway migrations for one dialect ({@code db/migration/sqlite} or
 * {@code db/migration/postgresql}). A schema written by a newer cwo fails instead of being ignored.
 * Safe to run again and from several processes at once (Flyway locks its history table). Used by
 * every part of cwo-db that owns tables, so they all agree on one schema history.
 */
final class SchemaMigrations {
  private SchemaMigrations() {}

  /**
   * Migrates {@code schema} (the connection's default when null) to the newest version.
   *
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or the schema is newer
   */
  static void apply(DataSource dataSource, SQLDialect dialect, String schema) {
    var config = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + (dialect == SQLDialect.SQLITE ? "sqlite" : "postgresql"))
        .ignoreMigrationPatterns(new String[0]) // a schema from a newer cwo must fail, not be ignored
        .loggers("slf4j");
    if (schema != null) config.schemas(schema);
    config.load().migrate();
  }
}
