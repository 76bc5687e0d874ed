package dev.cwo.testkit;

/**
 * The kind of request the simulated site saw, as {@link SiteStats} counts it.
 *
 * <p>Immutable and thread-safe.
 */
public enum EndpointKind {
  /** {@code GET /} on the API host. */
  YEARS,
  /** {@code GET /{year}}. */
  MAKES,
  /** {@code GET /{year}/{make}}. */
  MODELS,
  /** {@code GET /{year}/{make}/{model}}. */
  MODEL_INFO,
  /** {@code GET /offsetguide/{year}/{make}/{model}/trim/{trim}/drives}. */
  DRIVES,
  /** {@code GET /{year}/{make}/{model}/{trim}/{drive}}. */
  VEHICLE,
  /** {@code GET /api/ymm-temp.php?type=set...} without a {@code get...} flag: opens a session. */
  SET_VEHICLE,
  /** {@code GET /api/ymm-temp.php?...&getSuspension=true} (or trimming, rubbing). */
  OPTIONS,
  /** {@code GET /store/wheels?...}. */
  FITMENT_PAGE,
  /** Anything else. */
  UNKNOWN
}
