package dev.cwo.benchmarks.micro;

import dev.cwo.Fitment;
import dev.cwo.spi.WriteBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Upserts of combinations with their front and rear ranges through {@code JooqCombinationStore},
 * on SQLite (a file) and PostgreSQL, in combinations per second: {@link #batch} writes {@value
 * #BATCH} new combinations in one {@code write} (one transaction, JDBC batches, as the processor's
 * writer does with its default batch size), {@link #oneRowAtATime} writes {@value #SINGLES} new
 * combinations with one {@code write} each. Target (issue 4): at least 50,000 combinations/s
 * batched.
 *
 * <p>Every combination is new (a fresh model name per pass over the catalog, see {@link
 * FitmentFeed}), so each upsert inserts into a growing table, as a first scrape does. The vehicles
 * the combinations belong to (about one per 18 combinations) are written before each invocation,
 * outside the timed part. PostgreSQL runs at {@code 127.0.0.1:5432} in a fresh schema per trial;
 * when it is not reachable its trial fails at once with a message saying so (leave it out with
 * {@code -p db=sqlite}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreWriteBenchmark {
  static final int BATCH = 500;
  static final int SINGLES = 100;

  /** The store under test and the supply of new combinations, for one trial. */
  @State(Scope.Thread)
  public static class Store {
    @Param({BenchmarkDatabase.SQLITE, BenchmarkDatabase.POSTGRESQL})
    public String db;

    /** The simulated catalog whose ground truth is replayed under new names. */
    @Param("medium")
    public String catalog;

    private BenchmarkDatabase database;
    private FitmentFeed feed;

    @Setup(Level.Trial)
    public void open() {
      database = BenchmarkDatabase.open(db);
      feed = new FitmentFeed(Catalogs.named(catalog));
    }

    @TearDown(Level.Trial)
    public void close() {
      if (database != null) {
        database.close();
      }
    }

    /** The next {@code n} new combinations, their vehicles already stored. */
    List<Fitment> next(int n) {
      FitmentFeed.Slice slice = feed.next(n);
      database.store().write(WriteBatch.ofVehicles(slice.vehicles()));
      return slice.fitments();
    }
  }

  /** The next {@value #BATCH} new combinations, made before each invocation. */
  @State(Scope.Thread)
  public static class BatchInput {
    Store store;
    List<Fitment> fitments;

    @Setup(Level.Invocation)
    public void next(Store s) {
      store = s;
      fitments = s.next(BATCH);
    }
  }

  /** The next {@value #SINGLES} new combinations, made before each invocation. */
  @State(Scope.Thread)
  public static class SingleInput {
    Store store;
    List<Fitment> fitments;

    @Setup(Level.Invocation)
    public void next(Store s) {
      store = s;
      fitments = s.next(SINGLES);
    }
  }

  /** {@value #BATCH} combinations in one write. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batch(BatchInput input) {
    input.store.database.store().write(WriteBatch.ofFitments(input.fitments));
  }

  /** {@value #SINGLES} combinations, one write (one transaction) each. */
  @Benchmark
  @OperationsPerInvocation(SINGLES)
  public void oneRowAtATime(SingleInput input) {
    for (Fitment f : input.fitments) {
      input.store.database.store().write(WriteBatch.ofFitments(List.of(f)));
    }
  }
}
