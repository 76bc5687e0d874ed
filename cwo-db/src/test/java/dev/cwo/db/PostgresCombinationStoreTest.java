package dev.cwo.db;

import dev.cwo.spi.CombinationStore;
import dev.cwo.testkit.contract.CombinationStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assertions;

/**
 * Holds the jOOQ store on a real PostgreSQL server to the store contract. Each test gets a fresh
 * schema. Without a server on {@code 127.0.0.1:5432} (user {@code postgres}, database {@code test})
 * the tests skip, saying so, unless {@code CWO_REQUIRE_PG=1}, when they fail.
 */
class PostgresCombinationStoreTest extends CombinationStoreContract {
  static final String URL = System.getProperty("cwo.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("cwo.pg.user", "postgres");
  private static final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    requireServer();
  }

  static void requireServer() {
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String why = "PostgreSQL is not reachable at " + URL + " as " + USER + ": " + e.getMessage();
      if ("1".equals(System.getenv("CWO_REQUIRE_PG"))) Assertions.fail(why + " (CWO_REQUIRE_PG=1)");
      Assumptions.abort(why + "; skipping (set CWO_REQUIRE_PG=1 to fail instead)");
    }
  }

  @Override
  protected CombinationStore createStore() {
    String schema = "cwo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    synchronized (schemas) {
      schemas.add(schema);
    }
    return JooqCombinationStore.builder().jdbcUrl(URL).username(USER).schema(schema).maximumPoolSize(8).build();
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      if (!schemas.isEmpty()) throw e;
    }
  }
}
