package dev.cwo.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.SQLDialect;

/**
 * A set-based existence check: which of a chunk of keys a table holds, in one query that looks
 * each key up by the table's primary key.
 *
 * <p>On SQLite the keys are a {@code VALUES} list, and {@code CROSS JOIN} makes SQLite loop over
 * it and probe the key index once per key:
 *
 * <pre>{@code
 * SELECT t.year, ... FROM (VALUES (?, ?, ...), (?, ?, ...)) AS k CROSS JOIN combination t
 * WHERE t.year = k.column1 AND t.make = k.column2 AND ...
 * }</pre>
 *
 * <p>On PostgreSQL the keys are one array per column, and each key is looked up in a {@code
 * LATERAL} subquery whose {@code LIMIT 1} (harmless on a primary key) keeps the planner from
 * turning the lookups into a hash join over the whole table, which it did whenever the table's
 * statistics were stale, such as right after a bulk load:
 *
 * <pre>{@code
 * SELECT t.year, ... FROM unnest(?::int4[], ?::text[], ...) AS k(column1, column2, ...)
 * CROSS JOIN LATERAL (SELECT t.year, ... FROM combination t WHERE t.year = k.column1 AND ...
 * LIMIT 1) t
 * }</pre>
 *
 * <p>Why not jOOQ's {@code row(...).in(rows)}: SQLite has no row-value {@code IN} list, so jOOQ
 * writes 500 {@code OR}ed row comparisons per chunk, which SQLite spent most of its time preparing;
 * PostgreSQL planned its 4,000-parameter {@code IN} list no better. The numbers before and after
 * are in cwo-benchmarks' README ({@code StoreExistsBenchmark}). Keys are read back by column
 * index, without jOOQ's per-record mapping.
 *
 * <p>Immutable apart from a cache of rendered SQL; thread-safe.
 */
final class KeyLookup<K> {
  private final boolean postgres;
  private final String table;
  private final List<String> columns;
  private final List<Class<?>> types;
  private final String extraCondition;
  private final Function<K, Object[]> values;
  private final Reader<K> reader;
  private final Map<Integer, String> sqlByChunkSize = new ConcurrentHashMap<>();

  /** Builds a key from the current row, whose columns 1.. are the key columns. */
  @FunctionalInterface
  interface Reader<K> {
    K read(ResultSet rs) throws SQLException;
  }

  /**
   * @param table the table's name
   * @param columns its primary-key columns, in key order
   * @param types each column's Java type: {@code Integer} or {@code String}
   * @param extraCondition a further condition on {@code t}, without bind values, or {@code null}
   * @param values a key's column values, in column order
   * @param reader a key from a result row
   */
  KeyLookup(SQLDialect dialect, String table, List<String> columns, List<Class<?>> types,
      String extraCondition, Function<K, Object[]> values, Reader<K> reader) {
    this.postgres = dialect.family() == SQLDialect.POSTGRES;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.types = List.copyOf(types);
    this.extraCondition = extraCondition;
    this.values = values;
    this.reader = reader;
    for (Class<?> t : types) {
      if (t != Integer.class && t != String.class) {
        throw new IllegalArgumentException("key columns must be Integer or String, not " + t);
      }
    }
  }

  /** Looks up {@code keys} (one chunk) on {@code c}, handing each key found to {@code found}. */
  void find(Connection c, List<K> keys, Consumer<? super K> found) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    String sql = postgres ? sqlByChunkSize.computeIfAbsent(0, n -> postgresSql())
        : sqlByChunkSize.computeIfAbsent(keys.size(), this::sqliteSql);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (postgres) {
        bindArrays(c, ps, keys);
      } else {
        bindValues(ps, keys);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.accept(reader.read(rs));
        }
      }
    }
  }

  private void bindValues(PreparedStatement ps, List<K> keys) throws SQLException {
    int index = 1;
    for (K key : keys) {
      Object[] v = values.apply(key);
      for (int i = 0; i < v.length; i++, index++) {
        if (types.get(i) == Integer.class) {
          ps.setInt(index, (Integer) v[i]);
        } else {
          ps.setString(index, (String) v[i]);
        }
      }
    }
  }

  private void bindArrays(Connection c, PreparedStatement ps, List<K> keys) throws SQLException {
    Object[][] byColumn = new Object[columns.size()][keys.size()];
    for (int r = 0; r < keys.size(); r++) {
      Object[] v = values.apply(keys.get(r));
      for (int i = 0; i < v.length; i++) {
        byColumn[i][r] = v[i];
      }
    }
    for (int i = 0; i < byColumn.length; i++) {
      Array array = c.createArrayOf(types.get(i) == Integer.class ? "int4" : "text", byColumn[i]);
      ps.setArray(i + 1, array);
    }
  }

  private String sqliteSql(int rows) {
    StringBuilder sb = new StringBuilder(128 + rows * (columns.size() * 3 + 4));
    sb.append("SELECT ").append(selectList()).append(" FROM (VALUES ");
    for (int r = 0; r < rows; r++) {
      sb.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < columns.size(); i++) {
        sb.append(i == 0 ? "?" : ", ?");
      }
      sb.append(')');
    }
    // both databases name a VALUES list's columns column1, column2, ...
    sb.append(") AS k CROSS JOIN ").append(quote(table)).append(" t WHERE ").append(keyCondition());
    return sb.toString();
  }

  private String postgresSql() {
    StringBuilder sb = new StringBuilder(256);
    sb.append("SELECT ").append(selectList()).append(" FROM unnest(");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(types.get(i) == Integer.class ? "?::int4[]" : "?::text[]");
    }
    sb.append(") AS k(");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("column").append(i + 1);
    }
    sb.append(") CROSS JOIN LATERAL (SELECT ").append(selectList()).append(" FROM ")
        .append(quote(table)).append(" t WHERE ").append(keyCondition()).append(" LIMIT 1) t");
    return sb.toString();
  }

  private String selectList() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("t.").append(quote(columns.get(i)));
    }
    return sb.toString();
  }

  private String keyCondition() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : " AND ")
          .append("t.").append(quote(columns.get(i))).append(" = k.column").append(i + 1);
    }
    if (extraCondition != null) {
      sb.append(" AND ").append(extraCondition);
    }
    return sb.toString();
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }
}
