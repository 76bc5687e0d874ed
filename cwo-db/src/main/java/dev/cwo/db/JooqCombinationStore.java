package dev.cwo.db;

import static dev.cwo.db.Tables.*;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cwo.AxleFit;
import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.InvalidConfigurationException;
import dev.cwo.SizeRange;
import dev.cwo.StoreException;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.VehicleStatus;
import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.StoreInfo;
import dev.cwo.spi.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.jooq.BatchBindStep;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The default {@link CombinationStore}: jOOQ over a HikariCP pool, on SQLite (the embedded default:
 * one file, WAL mode) or PostgreSQL. The schema is created and upgraded by Flyway migrations when
 * the store is built; that is safe to repeat.
 *
 * <p>Thread-safe: any number of workers may call it at once. Existence checks cost one query per
 * chunk of {@value #CHUNK} keys on SQLite, {@value #POSTGRES_LOOKUP_CHUNK} on PostgreSQL; {@link #write} is one transaction with JDBC batches, idempotent
 * ({@code INSERT ... ON CONFLICT DO UPDATE}); reads back stream through a cursor. On SQLite, writes
 * are serialised inside the store (SQLite allows one writer at a time; waiting here is cheaper than
 * SQLITE_BUSY retries) while reads run concurrently.
 *
 * <p>Bad input: a value that does not fit its column (a range bound beyond {@code NUMERIC(10,3)}, a
 * NUL character in a text) is refused before the database with a {@link StoreException} naming the
 * item and the column; so is a batch the database refuses (a full disk, a closed or unreachable
 * server), and nothing of a refused batch is stored. Keys that cannot be stored are answered as
 * absent by the existence checks.
 *
 * <p>Pool settings map the original's SQLAlchemy ones: {@code pool_size} 20 → {@link
 * Builder#maximumPoolSize}, {@code pool_timeout} 30 s → {@link Builder#connectionTimeout}, {@code
 * pool_recycle} 1 h → {@link Builder#maxLifetime}. HikariCP has no "overflow": the pool never
 * grows past its maximum; callers wait up to the connection timeout instead.
 *
 * <pre>{@code
 * try (JooqCombinationStore store = JooqCombinationStore.builder()
 *     .jdbcUrl("jdbc:sqlite:cwo.db")      // or jdbc:postgresql://host/db with username/password
 *     .build()) {
 *   System.out.println(store.vehicleCount() + " vehicles stored");
 * }
 * }</pre>
 */
public final class JooqCombinationStore implements CombinationStore {
  static final int CHUNK = 500;
  /**
   * Keys per existence query on PostgreSQL: the keys go as one array per key column, so a chunk's
   * size does not change the statement, and bigger chunks save round trips.
   */
  static final int POSTGRES_LOOKUP_CHUNK = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  static {
    // jOOQ prints a banner and tips on first use unless told not to; a library must stay quiet.
    if (System.getProperty("org.jooq.no-logo") == null) System.setProperty("org.jooq.no-logo", "true");
    if (System.getProperty("org.jooq.no-tips") == null) System.setProperty("org.jooq.no-tips", "true");
  }

  private final String description;
  private final SQLDialect dialect;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final int poolSize;
  private final DSLContext dsl;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final BatchUpsert vehicleUpsert;
  private final BatchUpsert fitmentUpsert;
  private final KeyLookup<VehicleKey> vehicleLookup;
  private final KeyLookup<VehicleKey> completeLookup;
  private final KeyLookup<CombinationKey> combinationLookup;
  private volatile boolean closed;

  private JooqCombinationStore(Builder b, SQLDialect dialect, String description) {
    this.dialect = dialect;
    this.description = description;
    this.clock = b.clock;
    if (b.dataSource != null) {
      this.dataSource = b.dataSource;
      this.ownedPool = null;
      this.poolSize = -1;
    } else {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(b.jdbcUrl);
      if (b.username != null) config.setUsername(b.username);
      if (b.password != null) config.setPassword(b.password);
      config.setMaximumPoolSize(b.maximumPoolSize);
      config.setConnectionTimeout(b.connectionTimeout.toMillis());
      config.setMaxLifetime(b.maxLifetime.toMillis());
      config.setPoolName("cwo-store");
      if (b.metricRegistry != null) config.setMetricRegistry(b.metricRegistry);
      if (b.schema != null) config.setSchema(b.schema);
      if (dialect == SQLDialect.SQLITE) {
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", String.valueOf(b.connectionTimeout.toMillis()));
      } else {
        // the driver sends a batch of upserts as multi-row INSERTs: far less work per row on the server
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      try {
        this.ownedPool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new StoreException("cannot open the database " + description + ": " + rootMessage(e)
            + " (is it running and reachable, and is the path writable?)", e);
      }
      this.dataSource = ownedPool;
      this.poolSize = b.maximumPoolSize;
    }
    this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    this.vehicleUpsert = new BatchUpsert(dsl, upsertVehicle(dsl), vehicleColumns());
    this.fitmentUpsert = new BatchUpsert(dsl, upsertFitment(dsl), fitmentColumns());
    this.vehicleLookup = new KeyLookup<>(dialect, "vehicle", names(VEHICLE_KEY), types(VEHICLE_KEY), null,
        JooqCombinationStore::vehicleKeyValues, JooqCombinationStore::readVehicleKey);
    this.completeLookup = new KeyLookup<>(dialect, "vehicle", names(VEHICLE_KEY), types(VEHICLE_KEY),
        "t.\"complete\" = TRUE", JooqCombinationStore::vehicleKeyValues, JooqCombinationStore::readVehicleKey);
    this.combinationLookup = new KeyLookup<>(dialect, "combination", names(COMBINATION_KEY),
        types(COMBINATION_KEY), null, JooqCombinationStore::combinationKeyValues,
        JooqCombinationStore::readCombinationKey);
    migrate(b.schema);
  }

  public static Builder builder() {
    return new Builder();
  }

  private void migrate(String schema) {
    try {
      SchemaMigrations.apply(dataSource, dialect, schema);
    } catch (FlywayException e) {
      close();
      throw new StoreException("cannot prepare the schema of " + description + ": " + e.getMessage()
          + " (a schema written by a newer cwo cannot be used by this one)", e);
    } catch (RuntimeException e) {
      close();
      throw new StoreException("cannot prepare the schema of " + description + ": " + rootMessage(e), e);
    }
  }

  // --- reads ---------------------------------------------------------------------------------

  @Override
  public Set<VehicleKey> existingVehicles(Collection<VehicleKey> keys) {
    return findVehicleKeys(keys, vehicleLookup, "existingVehicles");
  }

  @Override
  public Set<VehicleKey> completedVehicles(Collection<VehicleKey> keys) {
    return findVehicleKeys(keys, completeLookup, "completedVehicles");
  }

  private Set<VehicleKey> findVehicleKeys(Collection<VehicleKey> keys, KeyLookup<VehicleKey> lookup, String what) {
    Objects.requireNonNull(keys, "keys");
    Set<VehicleKey> found = new HashSet<>();
    for (List<VehicleKey> chunk : chunks(keys, lookupChunk())) {
      List<VehicleKey> storable = new ArrayList<>(chunk.size());
      for (VehicleKey k : chunk) if (ColumnLimits.storable(k)) storable.add(k);
      if (storable.isEmpty()) continue;
      run(what, () -> {
        dsl.connection(c -> lookup.find(c, storable, found::add));
        return null;
      });
    }
    return found;
  }

  @Override
  public Map<VehicleKey, Vehicle> findVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    Map<VehicleKey, Vehicle> found = new HashMap<>();
    for (List<VehicleKey> chunk : chunks(keys)) {
      List<RowN> rows = new ArrayList<>(chunk.size());
      for (VehicleKey k : chunk) if (ColumnLimits.storable(k)) rows.add(vehicleRow(k));
      if (rows.isEmpty()) continue;
      run("findVehicles", () -> dsl.select(vehicleReadColumns()).from(VEHICLE).where(row(VEHICLE_KEY).in(rows))
          .fetch(r -> found.put(vehicleKey(r), vehicle(r))));
    }
    return found;
  }

  @Override
  public Set<CombinationKey> existingCombinations(Collection<CombinationKey> keys) {
    Objects.requireNonNull(keys, "keys");
    Set<CombinationKey> found = new HashSet<>();
    for (List<CombinationKey> chunk : chunks(keys, lookupChunk())) {
      List<CombinationKey> storable = new ArrayList<>(chunk.size());
      for (CombinationKey k : chunk) if (ColumnLimits.storable(k)) storable.add(k);
      if (storable.isEmpty()) continue;
      run("existingCombinations", () -> {
        dsl.connection(c -> combinationLookup.find(c, storable, found::add));
        return null;
      });
    }
    return found;
  }

  @Override
  public Optional<List<String>> cachedLevel(TreeLevel level, List<String> path) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(path, "path");
    String children = run("cachedLevel", () -> dsl.select(CHILDREN).from(TREE_LEVEL)
        .where(LEVEL.eq(level.name())).and(PATH.eq(json(path))).fetchOne(CHILDREN));
    return Optional.ofNullable(children).map(JooqCombinationStore::strings);
  }

  @Override
  public List<FailureRecord> failures() {
    return run("failures", () -> dsl.select(LEVEL, PATH, ERROR_CLASS, MESSAGE, ATTEMPTS, FIRST_SEEN, LAST_SEEN)
        .from(FAILURE).orderBy(FIRST_SEEN, LEVEL, PATH).fetch(r ->
        new FailureRecord(
            TreeLevel.valueOf(r.get(LEVEL)),
            strings(r.get(PATH)),
            r.get(ERROR_CLASS),
            r.get(MESSAGE),
            r.get(ATTEMPTS),
            Instant.ofEpochMilli(r.get(FIRST_SEEN)),
            Instant.ofEpochMilli(r.get(LAST_SEEN)))));
  }

  @Override
  public void forEachVehicle(Consumer<? super Vehicle> action) {
    Objects.requireNonNull(action, "action");
    stream("forEachVehicle", ctx -> ctx.select(vehicleReadColumns()).from(VEHICLE).orderBy(ordered(VEHICLE_KEY)), r -> action.accept(vehicle(r)));
  }

  @Override
  public void forEachFitment(Consumer<? super Fitment> action) {
    Objects.requireNonNull(action, "action");
    stream("forEachFitment", ctx -> ctx.select(fitmentColumns()).from(COMBINATION).orderBy(ordered(COMBINATION_KEY)), r -> action.accept(fitment(r)));
  }

  private void stream(String what, Function<DSLContext, org.jooq.ResultQuery<? extends Record>> query, Consumer<Record> each) {
    try {
      run(what, () -> {
        dsl.transaction(cfg -> { // PostgreSQL streams through a cursor only inside a transaction
          try (Cursor<? extends Record> cursor = query.apply(cfg.dsl()).fetchSize(CHUNK).fetchLazy()) {
            for (Record r : cursor) {
              try {
                each.accept(r);
              } catch (RuntimeException e) {
                throw new ActionFailed(e);
              }
            }
          }
        });
        return null;
      });
    } catch (ActionFailed e) {
      throw e.callerException; // the caller's own exception, as it threw it; the cursor is closed
    }
  }

  /** Carries an exception thrown by the caller's action through jOOQ's transaction, unwrapped. */
  private static final class ActionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RuntimeException callerException;

    ActionFailed(RuntimeException e) {
      super(null, e, false, false);
      this.callerException = e;
    }
  }

  /** Key columns in Java's {@code String} order (byte order in PostgreSQL, whatever its locale). */
  private List<SortField<?>> ordered(List<Field<?>> keys) {
    List<SortField<?>> out = new ArrayList<>(keys.size());
    for (Field<?> f : keys) {
      if (dialect == SQLDialect.POSTGRES && f.getDataType().isString()) {
        out.add(f.collate(DSL.collation(name("C"))).asc());
      } else {
        out.add(f.asc());
      }
    }
    return out;
  }

  @Override
  public long vehicleCount() {
    return run("vehicleCount", () -> (long) dsl.fetchCount(VEHICLE));
  }

  @Override
  public long fitmentCount() {
    return run("fitmentCount", () -> (long) dsl.fetchCount(COMBINATION));
  }

  @Override
  public StoreInfo info() {
    ensureOpen();
    if (ownedPool == null) return new StoreInfo(description + " (caller's DataSource)", -1, -1, -1, -1);
    HikariPoolMXBean pool = ownedPool.getHikariPoolMXBean();
    if (pool == null) return new StoreInfo(description, poolSize, 0, 0, 0);
    return new StoreInfo(description, poolSize, pool.getActiveConnections(), pool.getIdleConnections(),
        pool.getThreadsAwaitingConnection());
  }

  // --- writes --------------------------------------------------------------------------------

  @Override
  public void write(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    ensureOpen();
    if (batch.isEmpty()) return;
    ColumnLimits.check(batch, description);
    long now = clock.millis();
    boolean serialise = dialect == SQLDialect.SQLITE;
    if (serialise) writeLock.lock();
    WriteBatch sorted = inLockOrder(batch);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          run("write of " + batch.size() + " items", () -> {
            dsl.transaction(cfg -> writeIn(cfg.dsl(), sorted, now));
            return null;
          });
          return;
        } catch (StoreException e) {
          if (attempt >= 5 || !isTransient(e)) throw e;
          // another writer's overlapping batch won the race: the whole transaction rolled back, redo it
        }
      }
    } finally {
      if (serialise) writeLock.unlock();
    }
  }

  /**
   * The batch with every list sorted by key, so concurrent transactions take row locks in one order
   * and cannot deadlock each other (PostgreSQL); a deadlock that happens anyway is retried.
   */
  private static WriteBatch inLockOrder(WriteBatch b) {
    // one row per key, the later value winning, as when the rows are upserted one after another:
    // a multi-row upsert (reWriteBatchedInserts on PostgreSQL) may not touch a row twice
    Map<VehicleKey, Vehicle> lastVehicle = new java.util.TreeMap<>();
    for (Vehicle v : b.vehicles()) lastVehicle.put(v.key(), v);
    List<Vehicle> vehicles = new ArrayList<>(lastVehicle.values());
    Map<CombinationKey, Fitment> lastFitment = new java.util.TreeMap<>();
    for (Fitment f : b.fitments()) lastFitment.put(f.key(), f);
    List<Fitment> fitments = new ArrayList<>(lastFitment.values());
    List<VehicleKey> complete = new ArrayList<>(new java.util.TreeSet<>(b.completedVehicles()));
    Map<String, CachedLevel> lastLevel = new java.util.TreeMap<>();
    for (CachedLevel l : b.levels()) lastLevel.put(l.level().ordinal() + "\u0000" + json(l.path()), l);
    List<CachedLevel> levels = new ArrayList<>(lastLevel.values());
    // the same failure twice in a batch: as two upserts in a row would store it
    Map<String, FailureRecord> merged = new java.util.TreeMap<>();
    for (FailureRecord f : b.failures()) {
      merged.merge(f.level().ordinal() + "\u0000" + json(f.path()), f, (first, later) -> new FailureRecord(
          later.level(), later.path(), later.errorClass(), later.message(), first.attempts() + later.attempts(),
          first.firstSeen(), later.lastSeen()));
    }
    List<FailureRecord> failures = new ArrayList<>(merged.values());
    return new WriteBatch(vehicles, fitments, complete, levels, failures);
  }

  private static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException s && s.getSQLState() != null
          && (s.getSQLState().equals("40P01") || s.getSQLState().equals("40001"))) {
        return true;
      }
    }
    return false;
  }

  private void writeIn(DSLContext tx, WriteBatch batch, long now) {
    if (!batch.vehicles().isEmpty()) {
      tx.connection(c -> vehicleUpsert.execute(c, batch.vehicles(), v -> vehicleValues(v, now)));
    }
    if (!batch.fitments().isEmpty()) {
      tx.connection(c -> fitmentUpsert.execute(c, batch.fitments(), f -> fitmentValues(f, now)));
    }
    for (VehicleKey k : batch.completedVehicles()) {
      int n = tx.update(VEHICLE).set(COMPLETE, true).where(row(VEHICLE_KEY).eq(vehicleRow(k))).execute();
      if (n != 1) {
        throw new StoreException("cannot mark vehicle " + k + " complete in " + description
            + ": it is not stored; nothing of the batch was stored");
      }
    }
    if (!batch.levels().isEmpty()) {
      BatchBindStep step = tx.batch(tx.insertInto(TREE_LEVEL, LEVEL, PATH, CHILDREN, FETCHED_AT)
          .values((String) null, null, null, null)
          .onConflict(LEVEL, PATH).doUpdate()
          .set(CHILDREN, excluded(CHILDREN)).set(FETCHED_AT, excluded(FETCHED_AT)));
      for (CachedLevel l : batch.levels()) step = step.bind(l.level().name(), json(l.path()), json(l.children()), now);
      step.execute();
    }
    if (!batch.failures().isEmpty()) {
      Field<Integer> stored = field(name("failure", "attempts"), Integer.class);
      BatchBindStep step = tx.batch(tx.insertInto(FAILURE, LEVEL, PATH, ERROR_CLASS, MESSAGE, ATTEMPTS, FIRST_SEEN, LAST_SEEN)
          .values((String) null, null, null, null, null, null, null)
          .onConflict(LEVEL, PATH).doUpdate()
          .set(ERROR_CLASS, excluded(ERROR_CLASS))
          .set(MESSAGE, excluded(MESSAGE))
          .set(ATTEMPTS, stored.plus(excluded(ATTEMPTS)))
          .set(LAST_SEEN, excluded(LAST_SEEN)));
      for (FailureRecord f : batch.failures()) {
        step = step.bind(f.level().name(), json(f.path()), noNul(f.errorClass()), noNul(f.message()), f.attempts(),
            f.firstSeen().toEpochMilli(), f.lastSeen().toEpochMilli());
      }
      step.execute();
    }
    clearResolvedFailures(tx, batch);
  }

  /** Storing an item clears the failure recorded for it (completing a vehicle clears the vehicle's). */
  private void clearResolvedFailures(DSLContext tx, WriteBatch batch) {
    if (tx.fetchCount(FAILURE) == 0) return;
    Set<String> vehicles = new LinkedHashSet<>();
    for (Vehicle v : batch.vehicles()) vehicles.add(json(FailureRecord.pathOf(v.key())));
    for (VehicleKey k : batch.completedVehicles()) vehicles.add(json(FailureRecord.pathOf(k)));
    Set<String> combinations = new LinkedHashSet<>();
    for (Fitment f : batch.fitments()) combinations.add(json(FailureRecord.pathOf(f.key())));
    List<org.jooq.Query> deletes = new ArrayList<>();
    for (List<String> chunk : chunks(vehicles)) {
      deletes.add(tx.deleteFrom(FAILURE).where(LEVEL.in(TreeLevel.VEHICLES.name(), TreeLevel.SESSIONS.name())).and(PATH.in(chunk)));
    }
    for (List<String> chunk : chunks(combinations)) {
      deletes.add(tx.deleteFrom(FAILURE).where(LEVEL.eq(TreeLevel.COMBINATIONS.name())).and(PATH.in(chunk)));
    }
    for (CachedLevel l : batch.levels()) {
      deletes.add(tx.deleteFrom(FAILURE).where(LEVEL.eq(l.level().name())).and(PATH.eq(json(l.path()))));
    }
    for (org.jooq.Query q : deletes) q.execute();
  }

  private org.jooq.Query upsertVehicle(DSLContext tx) {
    List<Field<?>> columns = vehicleColumns();
    var insert = tx.insertInto(VEHICLE, columns).values(new Object[columns.size()]).onConflict(VEHICLE_KEY).doUpdate();
    org.jooq.InsertOnDuplicateSetMoreStep<?> set = null;
    for (Field<?> c : columns) {
      if (VEHICLE_KEY.contains(c)) continue;
      set = set == null ? setExcluded(insert, c) : setExcluded(set, c);
    }
    return set;
  }

  private org.jooq.Query upsertFitment(DSLContext tx) {
    List<Field<?>> columns = fitmentColumns();
    var insert = tx.insertInto(COMBINATION, columns).values(new Object[columns.size()]).onConflict(COMBINATION_KEY).doUpdate();
    org.jooq.InsertOnDuplicateSetMoreStep<?> set = null;
    for (Field<?> c : columns) {
      if (COMBINATION_KEY.contains(c)) continue;
      set = set == null ? setExcluded(insert, c) : setExcluded(set, c);
    }
    return set;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static org.jooq.InsertOnDuplicateSetMoreStep<?> setExcluded(org.jooq.InsertOnDuplicateSetStep step, Field c) {
    return step.set(c, excluded(c));
  }

  private static List<Field<?>> vehicleReadColumns() {
    List<Field<?>> c = vehicleColumns();
    c.add(COMPLETE);
    return c;
  }

  private static List<Field<?>> vehicleColumns() {
    List<Field<?>> c = new ArrayList<>(VEHICLE_KEY);
    c.addAll(List.of(STATUS, CHASSIS_ID, VEHICLE_TYPE, BODY_TYPE, BOLT_PATTERN_INCH, BOLT_PATTERN_MM,
        HUB_BORE_MM, LUG_TYPE, LUG_SIZE, STOCK_TIRE_SIZE, STAGGERED, RAW_JSON, FETCHED_AT));
    return c;
  }

  private static Object[] vehicleValues(Vehicle v, long now) {
    VehicleKey k = v.key();
    return new Object[] {
      k.year(), k.make(), k.model(), k.trim(), k.drive(),
      v.status() == VehicleStatus.OK ? "ok" : "no_data",
      v.chassisId(), v.vehicleType(), v.bodyType(), v.boltPatternInch(), v.boltPatternMm(),
      v.hubBoreMm(), v.lugType(), v.lugSize(), v.stockTireSize(), v.staggered(), v.rawJson(), now
    };
  }

  private static final List<RangeColumns> RANGES =
      List.of(FRONT_DIAMETER, FRONT_WIDTH, FRONT_OFFSET, REAR_DIAMETER, REAR_WIDTH, REAR_OFFSET);

  private static List<Field<?>> fitmentColumns() {
    List<Field<?>> c = new ArrayList<>(COMBINATION_KEY);
    c.addAll(List.of(STAGGERED, BOLT_PATTERN_INCH, BOLT_PATTERN_MM));
    for (RangeColumns r : RANGES) c.addAll(List.of(r.text(), r.min(), r.max()));
    c.add(FETCHED_AT);
    return c;
  }

  private static Object[] fitmentValues(Fitment f, long now) {
    List<Object> v = new ArrayList<>(30);
    VehicleKey k = f.key().vehicle();
    FitmentOption o = f.key().option();
    v.addAll(List.of(k.year(), k.make(), k.model(), k.trim(), k.drive(), o.suspension(), o.modification(), o.rubbing()));
    v.add(f.staggered());
    v.add(f.boltPatternInch());
    v.add(f.boltPatternMm());
    for (SizeRange r : new SizeRange[] {
        f.front().diameter(), f.front().width(), f.front().offset(),
        f.rear().diameter(), f.rear().width(), f.rear().offset()}) {
      v.add(r == null ? null : r.text());
      v.add(r == null ? null : r.min());
      v.add(r == null ? null : r.max());
    }
    v.add(now);
    return v.toArray();
  }

  // --- mapping -------------------------------------------------------------------------------

  private static RowN vehicleRow(VehicleKey k) {
    return row(new Object[] {k.year(), k.make(), k.model(), k.trim(), k.drive()});
  }

  private static Object[] vehicleKeyValues(VehicleKey k) {
    return new Object[] {k.year(), k.make(), k.model(), k.trim(), k.drive()};
  }

  private static Object[] combinationKeyValues(CombinationKey c) {
    VehicleKey k = c.vehicle();
    FitmentOption o = c.option();
    return new Object[] {
      k.year(), k.make(), k.model(), k.trim(), k.drive(), o.suspension(), o.modification(), o.rubbing()};
  }

  private static VehicleKey readVehicleKey(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new VehicleKey(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }

  private static CombinationKey readCombinationKey(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CombinationKey(readVehicleKey(rs), new FitmentOption(rs.getString(6), rs.getString(7), rs.getString(8)));
  }

  private static List<String> names(List<Field<?>> fields) {
    List<String> out = new ArrayList<>(fields.size());
    for (Field<?> f : fields) out.add(f.getName());
    return out;
  }

  private static List<Class<?>> types(List<Field<?>> fields) {
    List<Class<?>> out = new ArrayList<>(fields.size());
    for (Field<?> f : fields) out.add(f.getType());
    return out;
  }

  private static VehicleKey vehicleKey(Record r) {
    return new VehicleKey(r.get(YEAR), r.get(MAKE), r.get(MODEL), r.get(TRIM), r.get(DRIVE));
  }

  private static CombinationKey combinationKey(Record r) {
    return new CombinationKey(vehicleKey(r), new FitmentOption(r.get(SUSPENSION), r.get(MODIFICATION), r.get(RUBBING)));
  }

  private static Vehicle vehicle(Record r) {
    VehicleKey key = vehicleKey(r);
    if ("no_data".equals(r.get(STATUS))) return Vehicle.noData(key, r.get(RAW_JSON));
    return new Vehicle(key, VehicleStatus.OK, r.get(CHASSIS_ID), r.get(VEHICLE_TYPE), r.get(BODY_TYPE),
        r.get(BOLT_PATTERN_INCH), r.get(BOLT_PATTERN_MM), r.get(HUB_BORE_MM), r.get(LUG_TYPE),
        r.get(LUG_SIZE), r.get(STOCK_TIRE_SIZE), r.get(STAGGERED), r.get(RAW_JSON));
  }

  private static Fitment fitment(Record r) {
    return new Fitment(
        combinationKey(r),
        new AxleFit(range(r, FRONT_DIAMETER), range(r, FRONT_WIDTH), range(r, FRONT_OFFSET)),
        new AxleFit(range(r, REAR_DIAMETER), range(r, REAR_WIDTH), range(r, REAR_OFFSET)),
        Boolean.TRUE.equals(r.get(STAGGERED)),
        r.get(BOLT_PATTERN_INCH),
        r.get(BOLT_PATTERN_MM));
  }

  private static SizeRange range(Record r, RangeColumns c) {
    String text = r.get(c.text());
    return text == null ? null : new SizeRange(text, r.get(c.min()), r.get(c.max()));
  }

  /** A diagnostic text without NUL characters, which PostgreSQL's text cannot hold. */
  private static String noNul(String s) {
    return s.replace('\u0000', '\uFFFD');
  }

  static String json(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a list of strings as JSON", e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored name list is not a JSON array of strings: " + json, e);
    }
  }

  private int lookupChunk() {
    return dialect == SQLDialect.SQLITE ? CHUNK : POSTGRES_LOOKUP_CHUNK;
  }

  private static <T> List<List<T>> chunks(Collection<T> items) {
    return chunks(items, CHUNK);
  }

  private static <T> List<List<T>> chunks(Collection<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    List<T> current = new ArrayList<>(Math.min(size, items.size()));
    for (T item : items) {
      current.add(item);
      if (current.size() == size) {
        out.add(current);
        current = new ArrayList<>(size);
      }
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  // --- errors and lifecycle ------------------------------------------------------------------

  private <T> T run(String what, Supplier<T> action) {
    ensureOpen();
    try {
      return action.get();
    } catch (StoreException | ActionFailed e) {
      throw e;
    } catch (DataAccessException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ActionFailed a) throw a;
      }
      StoreException cause = findStoreException(e);
      if (cause != null) throw cause;
      throw new StoreException(what + " failed on " + description + ": " + rootMessage(e)
          + (what.startsWith("write") ? "; nothing of the batch was stored" : ""), e);
    } catch (RuntimeException e) {
      if (closed) throw closedError();
      throw new StoreException(what + " failed on " + description + ": " + rootMessage(e), e);
    }
  }

  private static StoreException findStoreException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreException s) return s;
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private void ensureOpen() {
    if (closed) throw closedError();
  }

  private StoreException closedError() {
    return new StoreException("the store " + description + " is closed");
  }

  /** Closes the pool the store created; a caller's {@link DataSource} is left open. Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (ownedPool != null) ownedPool.close();
  }

  @Override
  public String toString() {
    return "JooqCombinationStore[" + description + "]";
  }

  /**
   * Builds a {@link JooqCombinationStore}. Not thread-safe. {@link #build()} checks every setting
   * and names each bad one, then opens the pool and migrates the schema.
   */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private DataSource dataSource;
    private SQLDialect dialect;
    private String schema;
    private int maximumPoolSize = 20;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private Duration maxLifetime = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private Object metricRegistry;

    private Builder() {}

    /** {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST[:PORT]/DB}. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Never logged nor shown in messages. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Uses the caller's pool instead of creating one; the store will not close it. Needs {@link #dialect}. */
    public Builder dataSource(DataSource dataSource, SQLDialect dialect) {
      this.dataSource = dataSource;
      this.dialect = dialect;
      return this;
    }

    /** PostgreSQL schema to create and use (default: the connection's default). */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /** The most connections the pool holds (the original's {@code pool_size}); default 20. */
    public Builder maximumPoolSize(int size) {
      this.maximumPoolSize = size;
      return this;
    }

    /** How long a caller waits for a connection (the original's {@code pool_timeout}); default 30 s. */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = timeout;
      return this;
    }

    /** How long a connection lives before it is replaced (the original's {@code pool_recycle}); default 1 h. */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = lifetime;
      return this;
    }

    /** The clock for fetched-at times; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Reports the connection pool's own metrics into {@code registry}, through HikariCP's built-in
     * integration ({@code HikariConfig.setMetricRegistry}): a Dropwizard {@code
     * com.codahale.metrics.MetricRegistry} (gauges {@code cwo-store.pool.TotalConnections}, {@code
     * .ActiveConnections}, {@code .IdleConnections}, {@code .PendingConnections}, {@code
     * .MaxConnections}, {@code .MinConnections}; timer {@code cwo-store.pool.Wait}; histograms
     * {@code .Usage} and {@code .ConnectionCreation}; meter {@code .ConnectionTimeoutRate}) or a
     * Micrometer {@code MeterRegistry}. Typed as {@code Object} so that this module needs neither
     * library; the caller brings the one it uses. Only for the pool the store creates (not with
     * {@link #dataSource}); one store per registry, since the names are fixed. Default: none.
     */
    public Builder metricRegistry(Object registry) {
      this.metricRegistry = registry;
      return this;
    }

    /**
     * @throws InvalidConfigurationException naming every bad setting
     * @throws StoreException when the database cannot be opened or migrated
     */
    public JooqCombinationStore build() {
      List<String> problems = new ArrayList<>();
      SQLDialect d = dialect;
      if (dataSource == null && jdbcUrl == null) problems.add("jdbcUrl or dataSource is required");
      if (dataSource != null && jdbcUrl != null) problems.add("give jdbcUrl or dataSource, not both");
      if (dataSource != null && dialect == null) problems.add("dialect is required with a dataSource");
      if (jdbcUrl != null) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) d = SQLDialect.SQLITE;
        else if (jdbcUrl.startsWith("jdbc:postgresql:")) d = SQLDialect.POSTGRES;
        else problems.add("jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:, was " + redact(jdbcUrl));
      }
      if (d != null && d != SQLDialect.SQLITE && d != SQLDialect.POSTGRES) {
        problems.add("dialect must be SQLITE or POSTGRES, was " + d);
      }
      if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        problems.add("schema must be a plain identifier, was '" + schema + "'");
      }
      if (schema != null && d == SQLDialect.SQLITE) problems.add("schema is for PostgreSQL only");
      if (maximumPoolSize < 1 || maximumPoolSize > 1000) problems.add("maximumPoolSize must be 1..1000, was " + maximumPoolSize);
      if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
        problems.add("connectionTimeout must be at least 250 ms, was " + connectionTimeout);
      }
      if (maxLifetime == null || maxLifetime.toMillis() < 30_000) {
        problems.add("maxLifetime must be at least 30 s, was " + maxLifetime);
      }
      if (clock == null) problems.add("clock must not be null");
      if (metricRegistry != null) {
        if (dataSource != null) {
          problems.add("metricRegistry applies to the pool the store creates, not to a given dataSource");
        } else {
          try {
            new HikariConfig().setMetricRegistry(metricRegistry);
          } catch (RuntimeException e) {
            problems.add("metricRegistry must be a Dropwizard MetricRegistry or a Micrometer MeterRegistry, was "
                + metricRegistry.getClass().getName());
          }
        }
      }
      if (!problems.isEmpty()) throw new InvalidConfigurationException("JooqCombinationStore settings", problems);
      String description = jdbcUrl != null ? redact(jdbcUrl) : d + " DataSource";
      return new JooqCombinationStore(this, d, description);
    }

    /** The URL without a password parameter. */
    static String redact(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
  }
}
