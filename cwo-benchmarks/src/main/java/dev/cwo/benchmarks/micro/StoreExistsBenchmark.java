package dev.cwo.benchmarks.micro;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
 * Existence checks of combination keys through {@code JooqCombinationStore}, on SQLite and
 * PostgreSQL, in milliseconds: {@link #batch} asks for {@link #keys} keys in one {@code
 * existingCombinations} call (one query per chunk of 500); {@link #oneKeyAtATime} asks for {@value
 * #SINGLES} keys with one call each and is reported per key. Target (issue 4): 100,000 keys in at
 * most 0.5 s, i.e. {@code batch} ≤ 500 ms/op at {@code keys=100000}.
 *
 * <p>The table holds {@code keys / 2} stored combinations (written before the trial); the keys
 * asked are those plus as many that are not stored, shuffled, as a resumed run asks about a mix of
 * done and new work. PostgreSQL as in {@link StoreWriteBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreExistsBenchmark {
  static final int SINGLES = 1000;

  @Param({BenchmarkDatabase.SQLITE, BenchmarkDatabase.POSTGRESQL})
  public String db;

  /** Keys per batched call; half of them are stored. */
  @Param("100000")
  public int keys;

  /** The simulated catalog whose ground truth is replayed under new names. */
  @Param("medium")
  public String catalog;

  private BenchmarkDatabase database;
  private List<CombinationKey> asked;
  private int stored;
  private int next;

  @Setup(Level.Trial)
  public void fill() {
    database = BenchmarkDatabase.open(db);
    FitmentFeed feed = new FitmentFeed(Catalogs.named(catalog));
    asked = new ArrayList<>(keys);
    stored = keys / 2;
    for (int written = 0; written < stored; written += 500) {
      FitmentFeed.Slice s = feed.next(Math.min(500, stored - written));
      database.store().write(WriteBatch.ofVehicles(s.vehicles()));
      database.store().write(WriteBatch.ofFitments(s.fitments()));
      s.fitments().forEach(f -> asked.add(f.key()));
    }
    for (Fitment f : feed.next(keys - stored).fitments()) {
      asked.add(f.key());
    }
    Collections.shuffle(asked, new Random(1));
    int found = database.store().existingCombinations(asked).size();
    if (found != stored) {
      throw new IllegalStateException(
          "the store finds " + found + " of the " + stored + " stored combinations");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (database != null) {
      database.close();
    }
  }

  /** All {@link #keys} keys in one call; the answer is checked, so a wrong store cannot look fast. */
  @Benchmark
  public Set<CombinationKey> batch() {
    Set<CombinationKey> found = database.store().existingCombinations(asked);
    if (found.size() != stored) {
      throw new IllegalStateException("found " + found.size() + " keys, " + stored + " are stored");
    }
    return found;
  }

  /** {@value #SINGLES} keys, one call (one query) each; the score is per key. */
  @Benchmark
  @OperationsPerInvocation(SINGLES)
  public int oneKeyAtATime() {
    int found = 0;
    for (int i = 0; i < SINGLES; i++) {
      CombinationKey k = asked.get(next);
      next = next + 1 == asked.size() ? 0 : next + 1;
      found += database.store().existingCombinations(List.of(k)).size();
    }
    return found;
  }
}
