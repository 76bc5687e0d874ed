package dev.cwo.testkit;

/**
 * A fault the simulated site injected into an answer, as {@link SiteStats} counts it.
 *
 * <p>Immutable and thread-safe.
 */
public enum FaultKind {
  /** The answer was delayed by a non-zero simulated latency. */
  LATENCY,
  /** {@code 429} with {@code Retry-After}: the host's rate limit was exceeded. */
  RATE_LIMITED,
  /** A {@code 5xx} answer. */
  SERVER_ERROR,
  /** The connection was closed without an answer. */
  CONNECTION_RESET,
  /** A {@code 200} whose body stops short. */
  TRUNCATED_BODY,
  /** A one-off "Human Verification" page. */
  HUMAN_VERIFICATION,
  /** The persistent bot wall of a host answered. */
  PERSISTENT_WALL,
  /** {@code 403} with {@code {"message":"Forbidden"}}. */
  FORBIDDEN
}
