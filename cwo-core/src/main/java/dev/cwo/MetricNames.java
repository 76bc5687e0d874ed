package dev.cwo;

import java.util.Locale;

/**
 * The names under which cwo's own parts report to a {@link dev.cwo.spi.MetricTracker}: a stable
 * list, documented with units and meaning in {@code docs/metrics.md}. A name changes only with a
 * note in the changelog; new names may be added.
 *
 * <p>A tracker may add a prefix ({@code DropwizardMetricTracker} adds {@code cwo.}, and {@code
 * cwo.op.} before operation timers). Names are lower case, dot-separated; a {@code <kind>} is the
 * endpoint label of a {@link dev.cwo.spi.FetchRequest#kind()} ({@code years}, {@code makes},
 * {@code models}, {@code model-info}, {@code drives}, {@code vehicle}, {@code set-vehicle}, {@code
 * options}, {@code fitment-page}) and a {@code <level>} a {@link TreeLevel} in lower case.
 *
 * <p>A holder of constants and pure functions; thread-safe.
 */
public final class MetricNames {
  private MetricNames() {}

  // --- the site (cwo-net) ------------------------------------------------------------------

  /** Operation: one attempt at one site endpoint (a retry is another attempt). */
  public static String siteRequest(String kind) {
    return "site." + kind;
  }

  /** Counter: answers of one endpoint by status class, {@code statusClass} 1 to 5 ({@code 2xx}). */
  public static String siteStatus(String kind, int status) {
    int statusClass = status / 100;
    return "site." + kind + ".status." + (statusClass >= 1 && statusClass <= 5 ? statusClass + "xx" : "other");
  }

  /** Counter: body bytes received from one endpoint (after decompression). */
  public static String siteBytes(String kind) {
    return "site." + kind + ".bytes";
  }

  /** Counter: retries of one endpoint (attempts after the first). */
  public static String siteRetries(String kind) {
    return "site." + kind + ".retries";
  }

  /** Counter: retries of every endpoint together. */
  public static final String SITE_RETRIES = "site.retries";

  /** Counter: sessions opened again because the site forgot one. */
  public static final String SITE_SESSION_RENEWALS = "site.session-renewals";

  /** Counter: 429 and 503 answers the polite client saw (a 429 slows the host; 503s once they are a real share). */
  public static final String NET_OVERLOADED = "net.overloaded";

  /** Gauge: the adaptive rate of one host ({@code host} or {@code host:port}), requests per minute. */
  public static String hostRate(String host) {
    return "net.host." + host + ".requests-per-minute";
  }

  /** Gauge prefix of the HTTP connection pool: {@code .leased}, {@code .available}, {@code .pending}, {@code .max}. */
  public static final String HTTP_POOL = "net.pool";

  // --- the store -----------------------------------------------------------------------------

  /** Operation: one batch write (a transaction). */
  public static final String STORE_WRITE = "store.write";

  /** Counter: items written (vehicles, combinations, marks, levels, failures). */
  public static final String STORE_WRITE_ITEMS = "store.write.items";

  /** Distribution: items per batch write. */
  public static final String STORE_WRITE_BATCH_SIZE = "store.write.batch-size";

  /** Operation: which of a trim's vehicles are complete in the store (one query per batch). */
  public static final String STORE_COMPLETED_VEHICLES = "store.completed-vehicles";

  /** Operation: the stored records of a trim's vehicles still open. */
  public static final String STORE_FIND_VEHICLES = "store.find-vehicles";

  /** Operation: which of a vehicle's combinations are stored (one query per vehicle). */
  public static final String STORE_EXISTING_COMBINATIONS = "store.existing-combinations";

  /** Operation: a cached tree level read (with {@code fast}). */
  public static final String STORE_CACHED_LEVEL = "store.cached-level";

  // --- the processor -------------------------------------------------------------------------

  /** Operation: one task of the tree at a level, e.g. {@code task.combinations}. */
  public static String task(TreeLevel level) {
    return "task." + lower(level);
  }

  /**
   * Gauge: a count of the current (or last) run at one level; {@code what} is {@code found},
   * {@code skipped}, {@code done} or {@code failed}, e.g. {@code tree.vehicles.done}.
   */
  public static String tree(TreeLevel level, String what) {
    return "tree." + lower(level) + "." + what;
  }

  /** Gauge: tasks waiting in the workers' queue. */
  public static final String TASKS_QUEUED = "tasks.queued";

  /** Gauge: tasks running now. */
  public static final String TASKS_ACTIVE = "tasks.active";

  /** Gauge: units (year and make) open now. */
  public static final String UNITS_ACTIVE = "units.active";

  /** Distribution: microseconds a task waited in the queue before a worker took it. */
  public static final String TASKS_WAIT_MICROS = "tasks.wait-micros";

  /** Gauge: results waiting for the store writer. */
  public static final String WRITER_QUEUE = "writer.queue";

  /** Distribution: microseconds a worker was blocked because the writer's queue was full. */
  public static final String WRITER_BLOCKED_MICROS = "writer.blocked-micros";

  private static String lower(TreeLevel level) {
    return level.name().toLowerCase(Locale.ROOT);
  }
}
