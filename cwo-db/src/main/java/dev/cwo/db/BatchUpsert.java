package dev.cwo.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;

/**
 * One upsert statement run as a plain JDBC batch: the SQL is rendered by jOOQ once, when the store
 * is built, and each item's values are bound straight onto the {@link PreparedStatement}, the way
 * jOOQ would bind them (a {@code BigDecimal} as text on SQLite, as a {@code NUMERIC} elsewhere).
 *
 * <p>Why not jOOQ's {@code batch(query).bind(...)}: it re-resolves each value's binding for every
 * row, which cost about as much CPU as SQLite's own insert (measured with JFR in cwo-benchmarks'
 * {@code StoreWriteBenchmark}; see its README). Immutable and thread-safe; the statement is
 * prepared per call on the caller's connection, inside the caller's transaction.
 */
final class BatchUpsert {
  private final String sql;
  private final Class<?>[] types;
  private final boolean numericAsText;

  /**
   * @param query the upsert, with one bind value per column, in {@code columns} order
   * @param columns the columns bound, which give each value's type
   */
  BatchUpsert(DSLContext dsl, Query query, List<Field<?>> columns) {
    this.sql = dsl.render(query);
    this.types = new Class<?>[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).getType();
    }
    this.numericAsText = dsl.dialect().family() == SQLDialect.SQLITE;
  }

  /** Binds and runs every item in one JDBC batch on {@code connection}. */
  <T> void execute(Connection connection, List<T> items, Function<T, Object[]> values)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (T item : items) {
        Object[] v = values.apply(item);
        if (v.length != types.length) {
          throw new IllegalStateException(
              v.length + " values for " + types.length + " columns in " + sql);
        }
        for (int i = 0; i < v.length; i++) {
          bind(ps, i + 1, types[i], v[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void bind(PreparedStatement ps, int index, Class<?> type, Object value)
      throws SQLException {
    if (type == String.class) {
      if (value == null) ps.setNull(index, Types.VARCHAR);
      else ps.setString(index, (String) value);
    } else if (type == Integer.class) {
      if (value == null) ps.setNull(index, Types.INTEGER);
      else ps.setInt(index, (Integer) value);
    } else if (type == Long.class) {
      if (value == null) ps.setNull(index, Types.BIGINT);
      else ps.setLong(index, (Long) value);
    } else if (type == Boolean.class) {
      if (value == null) ps.setNull(index, Types.BOOLEAN);
      else ps.setBoolean(index, (Boolean) value);
    } else if (type == BigDecimal.class) {
      if (value == null) ps.setNull(index, Types.NUMERIC);
      else if (numericAsText) ps.setString(index, value.toString());
      else ps.setBigDecimal(index, (BigDecimal) value);
    } else {
      throw new IllegalStateException("no binding for a column of type " + type.getName());
    }
  }
}
