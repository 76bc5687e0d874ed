package dev.cwo.benchmarks.micro;

import dev.cwo.db.JooqCombinationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database for one benchmark trial, holding a {@link JooqCombinationStore}: a SQLite
 * file in a fresh temporary directory, or a fresh schema on the PostgreSQL server at {@value
 * #DEFAULT_PG_URL} (user {@code postgres}, trust authentication; override with the system
 * properties {@code cwo.pg.url} and {@code cwo.pg.user}). {@link #close()} closes the store and
 * deletes the file or drops the schema; a shutdown hook does it if the trial fails before its
 * teardown. PostgreSQL connections carry the schema's name as their application name.
 *
 * <p>Not thread-safe (open and close from one thread); the store itself is.
 */
final class BenchmarkDatabase implements AutoCloseable {
  static final String SQLITE = "sqlite";
  static final String POSTGRESQL = "postgresql";
  static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  /** Starts the schema's name and the application name of the store's PostgreSQL connections. */
  static final String APPLICATION_NAME_PREFIX = "cwo_bench_";

  private final JooqCombinationStore store;
  private final Path directory;
  private final String schema;
  private final Thread cleanupAtExit;
  private boolean closed;

  private BenchmarkDatabase(JooqCombinationStore store, Path directory, String schema) {
    this.store = store;
    this.directory = directory;
    this.schema = schema;
    // a benchmark that fails skips its teardown; the forked JVM then exits, and this still cleans up
    this.cleanupAtExit = new Thread(this::cleanUp, "cwo-bench-db-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupAtExit);
  }

  /**
   * Opens an empty store of the kind named ({@value #SQLITE} or {@value #POSTGRESQL}).
   *
   * @throws IllegalStateException when PostgreSQL is asked for and not reachable, saying how to
   *     leave it out
   */
  static BenchmarkDatabase open(String kind) {
    switch (kind) {
      case SQLITE: {
        Path dir;
        try {
          dir = Files.createTempDirectory("cwo-bench-");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a temporary directory for SQLite", e);
        }
        JooqCombinationStore store = JooqCombinationStore.builder()
            .jdbcUrl("jdbc:sqlite:" + dir.resolve("cwo.db")).build();
        return new BenchmarkDatabase(store, dir, null);
      }
      case POSTGRESQL: {
        postgresUnreachable().ifPresent(why -> {
          throw new IllegalStateException(why + "; leave it out with -p db=" + SQLITE);
        });
        String schema =
            APPLICATION_NAME_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // the application name lets CpuTimeProfiler find the server processes of these connections
        String url = pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "ApplicationName=" + schema;
        JooqCombinationStore store = JooqCombinationStore.builder()
            .jdbcUrl(url).username(pgUser()).schema(schema).maximumPoolSize(4).build();
        return new BenchmarkDatabase(store, null, schema);
      }
      default:
        throw new IllegalArgumentException(
            "db must be " + SQLITE + " or " + POSTGRESQL + ", was '" + kind + "'");
    }
  }

  /** Why PostgreSQL cannot be used, or empty when a connection succeeds. */
  static Optional<String> postgresUnreachable() {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), "")) {
      return c.isValid(2) ? Optional.empty()
          : Optional.of("PostgreSQL at " + pgUrl() + " answers but its connection is not valid");
    } catch (SQLException e) {
      return Optional.of("PostgreSQL is not reachable at " + pgUrl() + " as " + pgUser() + ": "
          + e.getMessage());
    }
  }

  static String pgUrl() {
    return System.getProperty("cwo.pg.url", DEFAULT_PG_URL);
  }

  static String pgUser() {
    return System.getProperty("cwo.pg.user", "postgres");
  }

  JooqCombinationStore store() {
    return store;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs cleanUp
    }
    cleanUp();
  }

  private synchronized void cleanUp() {
    if (closed) {
      return;
    }
    closed = true;
    store.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop the benchmark schema " + schema, e);
      }
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the benchmark database " + directory, e);
      }
    }
  }
}
