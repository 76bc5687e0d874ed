package dev.cwo.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cwo.CachedLevel;
import dev.cwo.CombinationKey;
import dev.cwo.FailureRecord;
import dev.cwo.Fitment;
import dev.cwo.InMemoryCombinationStore;
import dev.cwo.StoreException;
import dev.cwo.TreeLevel;
import dev.cwo.Vehicle;
import dev.cwo.VehicleKey;
import dev.cwo.spi.CombinationStore;
import dev.cwo.spi.StoreInfo;
import dev.cwo.spi.WriteBatch;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An example of a custom {@link CombinationStore}: keeps vehicles, combinations, completion marks,
 * tree levels and failures as JSON Lines files in a directory, one record per line, readable with
 * any JSON tool ({@code jq}, a spreadsheet import, a script). It passes cwo-testkit's {@code
 * CombinationStoreContract}, like the SQL store.
 *
 * <p><b>Files.</b> {@code vehicles.jsonl}, {@code combinations.jsonl}, {@code completed.jsonl},
 * {@code levels.jsonl} and {@code failures.jsonl} grow by appending; a later line for the same key
 * wins. {@code commits.jsonl} gets one line per batch once the batch's lines are on disk: the length
 * of every file after the batch.
 *
 * <p><b>Crash safety and atomicity.</b> A batch is written to the data files, forced to disk, then
 * its commit line is appended and forced. On open, the last whole commit line says where each file
 * ends: a torn last line, or lines of a batch whose commit never made it, are cut off, so a batch
 * is kept whole or not at all and earlier data is never touched. A write that fails (a full disk)
 * cuts the files back to the last commit and throws a {@link StoreException}: nothing of the batch
 * is kept. A file lock keeps a second process out of the directory.
 *
 * <p><b>Memory.</b> The records are replayed into an {@link InMemoryCombinationStore} on open, which
 * answers every read; the files are the durable copy. That suits catalogs that fit in memory (the
 * simulated ones, a few years of the real site); for the whole site use {@code
 * JooqCombinationStore}.
 *
 * <p>Thread-safe: writes are serialised, reads run concurrently and never see half a batch.
 *
 * <pre>{@code
 * try (CombinationStore store = JsonLinesCombinationStore.open(Path.of("cwo-data"))) {
 *   MultithreadedProcessor.builder().source(source).store(store).build().process(units);
 * }
 * }</pre>
 */
public final class JsonLinesCombinationStore implements CombinationStore {

  /** The data files, in the order a batch is written. */
  enum Kind {
    VEHICLES("vehicles"),
    COMBINATIONS("combinations"),
    COMPLETED("completed"),
    LEVELS("levels"),
    FAILURES("failures");

    final String name;

    Kind(String name) {
      this.name = name;
    }

    String fileName() {
      return name + ".jsonl";
    }
  }

  static final String COMMITS = "commits.jsonl";
  private static final String LOCK = ".lock";

  private final Path dir;
  private final InMemoryCombinationStore index = new InMemoryCombinationStore();
  private final Map<Kind, FileChannel> files = new EnumMap<>(Kind.class);
  private final FileChannel commits;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<Kind, Long> committed = new EnumMap<>(Kind.class);
  private long commitsLength;
  private long batches;
  private volatile boolean closed;

  private JsonLinesCombinationStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new StoreException("JSON Lines store in " + dir + " is in use by another store or process; close it first");
    }
    lock = l;
    FileChannel c = null;
    try {
      c = channel(dir.resolve(COMMITS));
      for (Kind k : Kind.values()) files.put(k, channel(dir.resolve(k.fileName())));
      commits = c;
      recover();
    } catch (IOException | RuntimeException e) {
      // a damaged directory must not stay locked by a store nobody can close
      List<IOException> ignored = new ArrayList<>();
      for (FileChannel f : files.values()) closeQuietly(f, ignored);
      if (c != null) closeQuietly(c, ignored);
      closeQuietly(lockChannel, ignored);
      throw e;
    }
  }

  /**
   * Opens the store in {@code dir}, creating the directory if needed, repairing a torn tail left by
   * a crash, and loading what is stored.
   *
   * @throws StoreException if the directory cannot be used, is in use, or holds damaged files
   */
  public static JsonLinesCombinationStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      return new JsonLinesCombinationStore(dir);
    } catch (IOException e) {
      throw new StoreException("cannot open the JSON Lines store in " + dir + ": " + e, e);
    }
  }

  private static FileChannel channel(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  // --- recovery ------------------------------------------------------------------------------

  /** Finds the last whole commit, cuts every file back to it, and replays the committed batches. */
  private void recover() throws IOException {
    List<Map<Kind, Long>> commitList = new ArrayList<>();
    long good = 0;
    try (LineReader in = new LineReader(Files.newInputStream(dir.resolve(COMMITS)))) {
      byte[] line;
      while ((line = in.next()) != null) {
        Map<Kind, Long> lengths = commitLine(line);
        if (lengths == null) {
          if (in.next() != null) {
            throw new StoreException("JSON Lines store in " + dir + ": " + COMMITS + " is damaged at byte " + good
                + " (a bad line that is not the last one); it was not written by this store or was edited");
          }
          break; // a torn last line: the batch it would have committed is not kept
        }
        commitList.add(lengths);
        good = in.position();
      }
    }
    commits.truncate(good);
    commitsLength = good;
    batches = commitList.size();
    Map<Kind, Long> last = commitList.isEmpty() ? null : commitList.get(commitList.size() - 1);
    for (Kind k : Kind.values()) {
      long length = last == null ? 0 : last.get(k);
      FileChannel f = files.get(k);
      if (f.size() < length) {
        throw new StoreException("JSON Lines store in " + dir + ": " + k.fileName() + " holds " + f.size()
            + " bytes but its last commit says " + length + "; the file was cut or replaced");
      }
      f.truncate(length); // drops lines of a batch that never committed
      committed.put(k, length);
    }
    replay(commitList);
  }

  private Map<Kind, Long> commitLine(byte[] line) {
    if (line.length == 0 || line[line.length - 1] != '\n') return null;
    try {
      JsonNode n = JsonLinesCodec.parse(new String(line, StandardCharsets.UTF_8));
      Map<Kind, Long> lengths = new EnumMap<>(Kind.class);
      for (Kind k : Kind.values()) {
        JsonNode v = n.get(k.name);
        if (v == null || !v.canConvertToLong()) return null;
        lengths.put(k, v.longValue());
      }
      return lengths;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private void replay(List<Map<Kind, Long>> commitList) throws IOException {
    Map<Kind, LineReader> readers = new EnumMap<>(Kind.class);
    try {
      for (Kind k : Kind.values()) readers.put(k, new LineReader(Files.newInputStream(dir.resolve(k.fileName()))));
      for (Map<Kind, Long> commit : commitList) {
        Map<Kind, List<JsonNode>> nodes = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
          List<JsonNode> list = new ArrayList<>();
          LineReader r = readers.get(k);
          while (r.position() < commit.get(k)) {
            byte[] line = r.next();
            try {
              list.add(JsonLinesCodec.parse(new String(line, StandardCharsets.UTF_8)));
            } catch (JsonProcessingException | NullPointerException e) {
              throw new StoreException("JSON Lines store in " + dir + ": " + k.fileName()
                  + " has a line that is not JSON before byte " + r.position() + "; the file was edited", e);
            }
          }
          nodes.put(k, list);
        }
        index.write(batchOf(nodes));
      }
    } finally {
      for (LineReader r : readers.values()) r.close();
    }
  }

  private static WriteBatch batchOf(Map<Kind, List<JsonNode>> n) {
    return new WriteBatch(
        n.get(Kind.VEHICLES).stream().map(JsonLinesCodec::vehicle).toList(),
        n.get(Kind.COMBINATIONS).stream().map(JsonLinesCodec::fitment).toList(),
        n.get(Kind.COMPLETED).stream().map(JsonLinesCodec::vehicleKey).toList(),
        n.get(Kind.LEVELS).stream().map(JsonLinesCodec::level).toList(),
        n.get(Kind.FAILURES).stream().map(JsonLinesCodec::failure).toList());
  }

  // --- writes --------------------------------------------------------------------------------

  @Override
  public void write(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    writeLock.lock();
    try {
      ensureOpen();
      if (batch.isEmpty()) return;
      validate(batch);
      Map<Kind, byte[]> bytes = encode(batch);
      append(bytes);
      index.write(batch); // validated above: cannot be refused
    } finally {
      writeLock.unlock();
    }
  }

  /** The rules the index would apply, checked before anything reaches the files. */
  private void validate(WriteBatch batch) {
    Set<VehicleKey> inBatch = new HashSet<>();
    for (Vehicle v : batch.vehicles()) inBatch.add(v.key());
    Set<VehicleKey> needed = new HashSet<>();
    for (Fitment f : batch.fitments()) needed.add(f.key().vehicle());
    needed.addAll(batch.completedVehicles());
    needed.removeAll(inBatch);
    Set<VehicleKey> stored = index.existingVehicles(needed);
    for (VehicleKey k : needed) {
      if (!stored.contains(k)) {
        throw new StoreException("JSON Lines store in " + dir + ": the batch refers to vehicle " + k
            + " (by a fitment or a completion mark), which is neither stored nor in the batch; nothing of the batch was stored");
      }
    }
  }

  private static Map<Kind, byte[]> encode(WriteBatch batch) {
    Map<Kind, StringBuilder> text = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) text.put(k, new StringBuilder());
    for (Vehicle v : batch.vehicles()) text.get(Kind.VEHICLES).append(JsonLinesCodec.line(JsonLinesCodec.vehicle(v)));
    for (Fitment f : batch.fitments()) text.get(Kind.COMBINATIONS).append(JsonLinesCodec.line(JsonLinesCodec.fitment(f)));
    for (VehicleKey k : batch.completedVehicles()) text.get(Kind.COMPLETED).append(JsonLinesCodec.line(JsonLinesCodec.key(k)));
    for (CachedLevel l : batch.levels()) text.get(Kind.LEVELS).append(JsonLinesCodec.line(JsonLinesCodec.level(l)));
    for (FailureRecord f : batch.failures()) text.get(Kind.FAILURES).append(JsonLinesCodec.line(JsonLinesCodec.failure(f)));
    Map<Kind, byte[]> bytes = new EnumMap<>(Kind.class);
    text.forEach((k, s) -> bytes.put(k, s.toString().getBytes(StandardCharsets.UTF_8)));
    return bytes;
  }

  /** Appends a batch's lines and its commit; on failure cuts every file back and throws. */
  private void append(Map<Kind, byte[]> bytes) {
    Kind current = null;
    try {
      Map<Kind, Long> after = new EnumMap<>(Kind.class);
      for (Kind k : Kind.values()) {
        current = k;
        byte[] b = bytes.get(k);
        long at = committed.get(k);
        if (b.length > 0) {
          writeFully(files.get(k), b, at);
          files.get(k).force(false);
        }
        after.put(k, at + b.length);
      }
      current = null;
      ObjectNode commit = JsonLinesCodec.object();
      commit.put("batch", batches + 1);
      after.forEach((k, len) -> commit.put(k.name, len));
      byte[] line = JsonLinesCodec.line(commit).getBytes(StandardCharsets.UTF_8);
      writeFully(commits, line, commitsLength);
      commits.force(false);
      committed.putAll(after);
      commitsLength += line.length;
      batches++;
    } catch (IOException e) {
      String where = current == null ? COMMITS : current.fileName();
      rollBack();
      throw new StoreException("JSON Lines store in " + dir + ": cannot append to " + where + ": " + e
          + "; nothing of the batch was stored", e);
    }
  }

  private static void writeFully(FileChannel f, byte[] bytes, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = at;
    while (buf.hasRemaining()) pos += f.write(buf, pos);
  }

  private void rollBack() {
    try {
      for (Kind k : Kind.values()) files.get(k).truncate(committed.get(k));
      commits.truncate(commitsLength);
    } catch (IOException ignored) {
      // the next open cuts the files back to the last commit anyway
    }
  }

  // --- reads ---------------------------------------------------------------------------------

  @Override
  public Set<VehicleKey> existingVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    ensureOpen();
    return index.existingVehicles(keys);
  }

  @Override
  public Map<VehicleKey, Vehicle> findVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    ensureOpen();
    return index.findVehicles(keys);
  }

  @Override
  public Set<VehicleKey> completedVehicles(Collection<VehicleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    ensureOpen();
    return index.completedVehicles(keys);
  }

  @Override
  public Set<CombinationKey> existingCombinations(Collection<CombinationKey> keys) {
    Objects.requireNonNull(keys, "keys");
    ensureOpen();
    return index.existingCombinations(keys);
  }

  @Override
  public Optional<List<String>> cachedLevel(TreeLevel level, List<String> path) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(path, "path");
    ensureOpen();
    return index.cachedLevel(level, path);
  }

  @Override
  public List<FailureRecord> failures() {
    ensureOpen();
    return index.failures();
  }

  @Override
  public void forEachVehicle(Consumer<? super Vehicle> action) {
    Objects.requireNonNull(action, "action");
    ensureOpen();
    index.forEachVehicle(action);
  }

  @Override
  public void forEachFitment(Consumer<? super Fitment> action) {
    Objects.requireNonNull(action, "action");
    ensureOpen();
    index.forEachFitment(action);
  }

  @Override
  public long vehicleCount() {
    ensureOpen();
    return index.vehicleCount();
  }

  @Override
  public long fitmentCount() {
    ensureOpen();
    return index.fitmentCount();
  }

  @Override
  public StoreInfo info() {
    ensureOpen();
    return new StoreInfo("JSON Lines files in " + dir + " (" + batches + " batches committed)", 1, 0, 1, 0);
  }

  private void ensureOpen() {
    if (closed) throw new StoreException("JSON Lines store in " + dir + " is closed; open it again");
  }

  /** Closes the files and releases the directory. Idempotent. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      index.close();
      List<IOException> errors = new ArrayList<>();
      for (FileChannel f : files.values()) closeQuietly(f, errors);
      closeQuietly(commits, errors);
      try {
        lock.release();
      } catch (IOException e) {
        errors.add(e);
      }
      closeQuietly(lockChannel, errors);
      if (!errors.isEmpty()) {
        throw new StoreException("JSON Lines store in " + dir + ": cannot close a file: " + errors.get(0), errors.get(0));
      }
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeQuietly(FileChannel f, List<IOException> errors) {
    try {
      f.close();
    } catch (IOException e) {
      errors.add(e);
    }
  }

  @Override
  public String toString() {
    return "JsonLinesCombinationStore[" + dir + "]";
  }

  /** Reads lines as bytes, each with its {@code \n}, counting bytes; the last may lack the {@code \n}. */
  private static final class LineReader implements AutoCloseable {
    private final InputStream in;
    private long position;

    LineReader(InputStream in) {
      this.in = new BufferedInputStream(in, 1 << 16);
    }

    byte[] next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      int b;
      while ((b = in.read()) != -1) {
        line.write(b);
        if (b == '\n') break;
      }
      position += line.size();
      return line.size() == 0 ? null : line.toByteArray();
    }

    long position() {
      return position;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
